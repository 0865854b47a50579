import { Redis, RedisOptions } from 'ioredis';

/** Every queue name in one place (STYLE.md); the prefix keeps deployments and test runs apart. */
export const QueueNames = {
  hypervisorSync: 'hypervisor-sync',
} as const;

export interface HypervisorSyncJob {
  hypervisorId: string;
  /** Push even when the desired state is unchanged and acknowledged (a resync). */
  force: boolean;
}

/**
 * One job per hypervisor at a time: a burst of changes collapses into the one waiting job (or,
 * while one runs, into a single follow-up), so each agent gets its latest state, not every
 * intermediate one. The sync computes the state when it runs, never when it was queued.
 */
export function syncJobOptions(hypervisorId: string, attempts: number) {
  return {
    deduplication: { id: `sync:${hypervisorId}`, keepLastIfActive: true },
    attempts,
    backoff: { type: 'custom' },
    removeOnComplete: 1000,
    removeOnFail: 1000,
  };
}

/** Exponential backoff with full jitter, so failing agents are not hit in lockstep. */
export function backoffDelay(attemptsMade: number, baseMs: number, maxMs = 60_000): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attemptsMade - 1));
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/** BullMQ needs `maxRetriesPerRequest: null` on connections that block (workers). */
export function redisConnection(url: string, options: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false, ...options });
}
