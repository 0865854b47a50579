import { Inject, Injectable } from '@nestjs/common';
import { DatabaseHealth } from '@sg/application';
import { checkWithin, readinessOf, registerReadinessGauges } from '@sg/observability';
import { SyncQueue } from '../queues';
import { WorkerMetrics } from '../observability/worker-metrics';

const CHECK_MS = 1000;

/**
 * `/health/ready` of the worker, in the API's shape: Postgres and Redis (it needs both to move
 * a change), and its relay, up as leader or follower (one worker leads; the others stand by),
 * down while it is paused by a failure. 503 unless all three are up.
 */
@Injectable()
export class WorkerReadiness {
  constructor(
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(SyncQueue) private readonly queue: SyncQueue,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {
    registerReadinessGauges(metrics.registry, async () => (await this.check()).body);
  }

  async check() {
    const [postgres, redis] = await Promise.all([
      checkWithin(CHECK_MS, async () => (await this.database.check()).postgres),
      checkWithin(CHECK_MS, async () => {
        await this.queue.connection.ping();
        return { status: 'up' };
      }),
    ]);
    const role = this.metrics.relayRole();
    return readinessOf({ postgres, redis, relay: role === 'paused' ? { status: 'down', detail: 'paused: it retries until Postgres and Redis answer' } : { status: 'up', detail: role } });
  }
}
