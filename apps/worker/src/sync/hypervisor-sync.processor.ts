import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, backoffDelay, HypervisorSyncJob, QueueNames, redisConnection } from '@sg/infra';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { WORKER_CONFIG } from '../platform/worker-config';
import { PermanentSyncError, SyncHypervisor } from './sync-hypervisor.use-case';

/** Parses the job and hands it to the use case (STYLE.md: workers parse, delegate, shut down cleanly). */
@Injectable()
export class HypervisorSyncProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('sync');
  private worker?: Worker<HypervisorSyncJob>;

  constructor(
    @Inject(SyncHypervisor) private readonly sync: SyncHypervisor,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const connection = redisConnection(this.config.redis.url);
    connection.on('error', () => undefined);
    this.worker = new Worker<HypervisorSyncJob>(QueueNames.hypervisorSync, (job) => this.process(job), {
      connection,
      prefix: this.config.redis.queuePrefix,
      concurrency: this.config.propagation.concurrency,
      settings: { backoffStrategy: (attemptsMade: number) => backoffDelay(attemptsMade, this.config.propagation.backoffMs) },
    });
    this.worker.on('error', (error) => this.logger.warn(`queue: ${error.message}`));
  }

  private async process(job: Job<HypervisorSyncJob>) {
    const data = job.data;
    if (typeof data?.hypervisorId !== 'string') throw new UnrecoverableError(`malformed sync job ${job.id}`);
    try {
      return await this.sync.run({ hypervisorId: data.hypervisorId, force: data.force === true }, { number: job.attemptsMade + 1, max: job.opts.attempts ?? 1 });
    } catch (error) {
      if (error instanceof PermanentSyncError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    // Lets the running syncs finish; an unfinished one is retried by the next worker (at least once).
    await this.worker?.close();
  }
}
