import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, isUnavailable, QueueNames } from '@sg/infra';
import { Job, Queue } from 'bullmq';
import { APP_CONFIG } from '../platform/config.module';
import { OnDemandRedis } from '../platform/persistence/on-demand-redis';
import { Problem } from '../platform/http/problem';

/** Every queue the worker uses, by the name it has in Redis (under QUEUE_PREFIX). */
export const QUEUE_NAMES: readonly string[] = Object.values(QueueNames);

/**
 * The states a job is counted and listed in. BullMQ 6 has no "paused" state: while a queue is
 * paused its jobs stay waiting, and the queue says it is paused. No job of ours has children.
 */
export const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const isJobState = (v: unknown): v is JobState => typeof v === 'string' && (JOB_STATES as readonly string[]).includes(v);

/** What an unreachable Redis looks like from ioredis with no offline queue, beside the network codes. */
const REDIS_DOWN = /Stream isn't writeable|enableOfflineQueue|Command timed out|connect ETIMEDOUT|Connection is closed|Redis is already connecting/i;

/**
 * Reads the worker's queues for operators, and never writes them: no queue meta update, no
 * version probe. Its own connection, set up like the readiness check's: it connects on first use
 * and, with no offline queue and a command timeout, fails within seconds while Redis is away
 * (answered 503) rather than holding requests until it is back.
 */
@Injectable()
export class QueueReader implements OnApplicationShutdown {
  private readonly redis: OnDemandRedis;
  private readonly queues: Map<string, Queue>;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.redis = new OnDemandRedis(config.redis.url, { connectTimeout: 2000, commandTimeout: 2000, retryStrategy: () => 1000 });
    this.queues = new Map(
      QUEUE_NAMES.map((name) => {
        const queue = new Queue(name, {
          connection: this.redis.client,
          prefix: config.redis.queuePrefix,
          skipMetasUpdate: true,
          skipVersionCheck: true,
          skipWaitingForReady: true,
        });
        queue.on('error', () => undefined);
        return [name, queue];
      }),
    );
  }

  has(name: string): boolean {
    return this.queues.has(name);
  }

  counts(name: string): Promise<Partial<Record<JobState, number>>> {
    return this.read(name, (q) => q.getJobCounts(...JOB_STATES));
  }

  isPaused(name: string): Promise<boolean> {
    return this.read(name, (q) => q.isPaused());
  }

  /** The job that has waited longest (next to run), or null when none waits. */
  oldestWaiting(name: string): Promise<Job | null> {
    return this.read(name, async (q) => (await q.getJobs(['waiting'], 0, 0, true)).find(Boolean) ?? null);
  }

  /** Up to `limit` jobs in `state`, newest first (lists by arrival, finished jobs by finish time). */
  jobs(name: string, state: JobState, limit: number): Promise<Job[]> {
    // A job can finish or be removed between reading the ids and reading it: it is left out.
    return this.read(name, async (q) => (await q.getJobs([state], 0, limit - 1, false)).filter((j): j is Job => Boolean(j)));
  }

  private async read<T>(name: string, fn: (queue: Queue) => Promise<T>): Promise<T> {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    try {
      await this.redis.connected();
      return await fn(queue);
    } catch (error) {
      if (this.redis.client.status !== 'ready' || isUnavailable(error) || REDIS_DOWN.test((error as Error)?.message ?? '')) {
        throw new Problem('unavailable', 'Redis is unreachable, so the queues cannot be read. Try again shortly.');
      }
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // The queues share this connection and do not own it: closing them only detaches them.
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
    this.redis.disconnect();
  }
}
