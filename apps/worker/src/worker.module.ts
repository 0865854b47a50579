import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { EventStore } from '@sg/application';
import { AppConfig, createDataSource, createEventStore } from '@sg/infra';
import { DataSource } from 'typeorm';
import { OperationReporter } from './operations/operation-reporter';
import { SyncQueue } from './platform/queues';
import { WORKER_CONFIG } from './platform/worker-config';
import { Reconciler } from './reconcile/reconciler';
import { EventRelay } from './relay/event-relay';
import { HypervisorSyncProcessor } from './sync/hypervisor-sync.processor';
import { SyncHypervisor } from './sync/sync-hypervisor.use-case';

const Processors = [HypervisorSyncProcessor];
const UseCases = [SyncHypervisor, OperationReporter];
const Background = [EventRelay, Reconciler];

/** The worker: the event relay, the per-hypervisor sync processor and the reconciler. */
@Global()
@Module({})
export class WorkerModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      providers: [
        { provide: WORKER_CONFIG, useValue: config },
        {
          provide: DataSource,
          useFactory: async () => {
            const ds = createDataSource(config.database, { applicationName: 'security-groups-worker', poolSize: 10 });
            await ds.initialize();
            return ds;
          },
        },
        {
          provide: EventStore,
          inject: [DataSource],
          // Operation events the worker appends keep the read models current like any append.
          useFactory: (ds: DataSource) => createEventStore(ds, { idempotencyTtlMs: config.idempotencyTtlHours * 3600_000 }),
        },
        SyncQueue,
        ...UseCases,
        ...Processors,
        ...Background,
      ],
      exports: [DataSource, EventStore, SyncQueue, Reconciler],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
