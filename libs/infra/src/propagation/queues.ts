import { Redis, RedisOptions } from 'ioredis';

/** Every queue name in one place; the prefix keeps deployments and test runs apart. */
export const QueueNames = {
  hypervisorSync: 'hypervisor-sync',
} as const;

export interface HypervisorSyncJob {
  hypervisorId: string;
  /** Push even when the desired state is unchanged and acknowledged (a resync). */
  force: boolean;
  /**
   * The API requests that asked for this sync (their operations were queued), for the logs. A
   * job that deduplicates into a waiting one leaves its ids out: the sync logs the ids of every
   * operation it settles, read when it runs.
   */
  requestIds?: string[];
}

/**
 * How long a sync job waits before it runs, so the changes that follow within that window ride on
 * the same push. Without it a follow-up started the moment the previous sync ended, and the syncs
 * stayed short, each carrying a few changes: 200 changes to one group sent each agent 40–45 pushes
 * (test/e2e/propagation/burst.e2e-spec.ts); with 100 ms, 7–8. It adds that much to the latency of
 * a lone change, far below what anyone waiting on an operation notices.
 */
export const SYNC_COALESCE_MS = 100;

/**
 * One job per hypervisor at a time: a burst of changes collapses into the one waiting (delayed)
 * job, or, while one runs, into a single follow-up, so each agent gets its latest state, not every
 * intermediate one. The sync computes the state when it runs, never when it was queued.
 */
export function syncJobOptions(hypervisorId: string, attempts: number) {
  return {
    deduplication: { id: `sync:${hypervisorId}`, keepLastIfActive: true },
    // Also applies to the follow-up created when the running sync ends (BullMQ keeps its options).
    delay: SYNC_COALESCE_MS,
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
