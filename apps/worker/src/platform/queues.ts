import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { HypervisorStates } from '@sg/application';
import { AppConfig, HypervisorSyncJob, QueueNames, redisConnection, syncJobOptions } from '@sg/infra';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { WORKER_CONFIG } from './worker-config';

/** The producer side of the queues: the relay and the reconciler add sync jobs through it. */
@Injectable()
export class SyncQueue implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly queue: Queue<HypervisorSyncJob>;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
  ) {
    this.connection = redisConnection(config.redis.url);
    // Without a listener ioredis prints every reconnect failure; the relay reports outages itself.
    this.connection.on('error', () => undefined);
    this.queue = new Queue<HypervisorSyncJob>(QueueNames.hypervisorSync, { connection: this.connection, prefix: config.redis.queuePrefix });
    this.queue.on('error', () => undefined);
  }

  /**
   * Adds one sync per hypervisor; a hypervisor already waiting keeps its one job (deduplication).
   * A forced sync is first recorded in Postgres, so it is not lost when folded into a waiting job.
   */
  async request(jobs: readonly HypervisorSyncJob[]): Promise<void> {
    await this.states.requestForcedSync(jobs.filter((j) => j.force).map((j) => j.hypervisorId));
    await Promise.all(
      jobs.map((job) => this.queue.add('sync', job, syncJobOptions(job.hypervisorId, this.config.propagation.attempts))),
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const grace = new Promise((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([this.queue.close().catch(() => undefined), grace]);
    this.connection.disconnect();
  }
}
