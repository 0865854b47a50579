import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, backoffDelay, HypervisorSyncJob, QueueNames, redisConnection } from '@sg/infra';
import { DelayedError, Job, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { PinoLogger } from 'nestjs-pino';
import { SyncInterrupted, SyncShutdown } from '../platform/lifecycle/sync-shutdown';
import { WORKER_CONFIG } from '../platform/worker-config';
import { BackingServiceDownError, PermanentSyncError, SyncHypervisor } from './sync-hypervisor.use-case';

/**
 * How soon a sync that was running in a worker that died (SIGKILL, OOM, a lost node) runs again:
 * its lock lapses after LOCK_MS, and the next stalled check (every STALLED_CHECK_MS, by any
 * worker) moves it back to waiting. BullMQ's defaults (30 s + 30 s) left every change of those
 * hypervisors waiting about a minute, since new syncs deduplicate into the dead one. A running
 * sync renews its lock every LOCK_MS / 2 on a timer, however long the agent takes; were a stalled
 * event loop to miss that, the sync runs twice, which is safe (a sync pushes the whole state).
 */
const LOCK_MS = 10_000;
const STALLED_CHECK_MS = 5_000;
/**
 * How often a sync may be found stalled before BullMQ fails it: each dead worker, and each
 * Redis outage a sync could not even be put off through, counts one. Syncs are safe to repeat.
 */
const MAX_STALLED = 20;
/** How long a sync waits for Postgres or Redis to come back before it runs again, at most. */
const BACKING_SERVICE_RETRY_MAX_MS = 5_000;
/**
 * On SIGTERM, running syncs get this long to finish; then their pushes are cut and their jobs
 * handed back to the queue, where another worker takes them at once. Within the 10 s an
 * orchestrator waits, with room for the rest of the shutdown.
 */
const SHUTDOWN_GRACE_MS = 4_000;

/** Parses the job and hands it to the use case: workers parse, delegate, and shut down cleanly. */
@Injectable()
export class HypervisorSyncProcessor implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('sync');
  private worker?: Worker<HypervisorSyncJob>;
  private connection?: Redis;
  /** Syncs put off in a row because Postgres or Redis was out of reach, per hypervisor. */
  private readonly outages = new Map<string, number>();

  constructor(
    @Inject(SyncHypervisor) private readonly sync: SyncHypervisor,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(SyncShutdown) private readonly shutdown: SyncShutdown,
    @Inject(PinoLogger) private readonly pino: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    const connection = redisConnection(this.config.redis.url);
    connection.on('error', () => undefined);
    this.connection = connection;
    // Every line a sync logs carries its job, hypervisor and the request ids the job came with.
    const processInContext = (job: Job<HypervisorSyncJob>, token?: string) =>
      this.pino.runInContext(() => this.process(job, token), { bindings: { jobId: job.id, hypervisorId: job.data?.hypervisorId, jobRequestIds: job.data?.requestIds ?? [] } });
    this.worker = new Worker<HypervisorSyncJob>(QueueNames.hypervisorSync, processInContext, {
      connection,
      prefix: this.config.redis.queuePrefix,
      concurrency: this.config.propagation.concurrency,
      lockDuration: LOCK_MS,
      stalledInterval: STALLED_CHECK_MS,
      maxStalledCount: MAX_STALLED,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, this.config.propagation.backoffMs) },
    });
    // Once per distinct problem: during a Redis outage BullMQ reports the same failure several times a second.
    let last = '';
    this.worker.on('error', (error) => {
      if (error.message !== last) this.logger.warn(`queue: ${error.message}`);
      last = error.message;
    });
    this.worker.on('ready', () => (last = ''));
  }

  private async process(job: Job<HypervisorSyncJob>, token?: string) {
    const data = job.data;
    if (typeof data?.hypervisorId !== 'string') throw new UnrecoverableError(`malformed sync job ${job.id}`);
    const id = data.hypervisorId;
    try {
      const result = await this.sync.run({ hypervisorId: id, force: data.force === true }, { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 });
      if (this.outages.delete(id)) this.logger.log(`${id}: synced again after the outage`);
      return result;
    } catch (error) {
      if (error instanceof SyncInterrupted) {
        // Handed back, not lost: first in line for the next worker, its attempts untouched.
        this.logger.log(`${id}: sync interrupted by the shutdown; job ${job.id} is back in the queue`);
        await job.moveToWait(token);
        throw new WaitingError();
      }
      if (error instanceof PermanentSyncError) throw new UnrecoverableError(error.message);
      if (error instanceof BackingServiceDownError) {
        // Not the agent's attempt: the job waits and runs again, its attempts untouched, so an
        // outage of Postgres longer than the backoff cannot fail operations the agents never refused.
        const outages = (this.outages.get(id) ?? 0) + 1;
        this.outages.set(id, outages);
        const delayMs = Math.min(BACKING_SERVICE_RETRY_MAX_MS, this.config.propagation.backoffMs * 2 ** Math.min(outages - 1, 16));
        if (outages === 1 || outages % 20 === 0) {
          this.logger.warn(`${id}: ${error.message}; the sync waits for it (${outages} ${outages === 1 ? 'time' : 'times'} so far, not counted as attempts)`);
        }
        // With Redis away the job cannot be moved: it stays active, its lock lapses, and the
        // stalled check runs it again once Redis is back (MAX_STALLED allows for such outages).
        await job.moveToDelayed(Date.now() + delayMs, token).catch(() => undefined);
        throw new DelayedError();
      }
      this.outages.delete(id);
      throw error;
    }
  }

  /**
   * Stops taking jobs and lets the running syncs finish; past the grace period their pushes are
   * cut and their jobs handed back to the queue (process). Should even that hang (Redis away,
   * say), the worker goes anyway: an unfinished sync is picked up again as a stalled job, and
   * syncs are safe to repeat. Before the other shutdown hooks, so Postgres is still there.
   */
  async beforeApplicationShutdown(): Promise<void> {
    const closed = this.worker?.close();
    if ((await within(closed, SHUTDOWN_GRACE_MS)) !== 'timeout') return;
    this.shutdown.abort();
    if ((await within(closed, 2000)) === 'timeout') await this.worker?.close(true).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    // BullMQ closes the connections it made, not the one it was given.
    this.connection?.disconnect();
  }
}

function within(promise: Promise<unknown> | undefined, ms: number): Promise<unknown> {
  return Promise.race([promise, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), ms).unref())]);
}
