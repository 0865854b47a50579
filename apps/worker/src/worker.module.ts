import { DynamicModule, Module } from '@nestjs/common';
import { Agents } from '@sg/application';
import { AppConfig, HttpAgents, PersistenceModule } from '@sg/infra';
import { RetentionJob } from './housekeeping/retention.job';
import { OperationReporter } from './operations/operation-reporter';
import { SyncQueue } from './platform/queues';
import { WORKER_CONFIG } from './platform/worker-config';
import { Reconciler } from './reconcile/reconciler';
import { EventRelay } from './relay/event-relay';
import { HypervisorSyncProcessor } from './sync/hypervisor-sync.processor';
import { SyncHypervisor } from './sync/sync-hypervisor.use-case';

const Processors = [HypervisorSyncProcessor];
const UseCases = [SyncHypervisor, OperationReporter];
const Background = [EventRelay, Reconciler, RetentionJob];

/**
 * The worker: the event relay, the per-hypervisor sync processor, the reconciler and the retention
 * job, over the same persistence as the API (the event store and read models, bound in
 * PersistenceModule). The relay, the reconciler and the retention job run on the leading worker only.
 */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot({
          database: config.database,
          applicationName: 'security-groups-worker',
          poolSize: 10,
          idempotencyTtlMs: config.idempotencyTtlHours * 3600_000,
        }),
      ],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, { provide: Agents, useClass: HttpAgents }, SyncQueue, ...UseCases, ...Processors, ...Background],
      exports: [SyncQueue, Reconciler, RetentionJob],
    };
  }
}
