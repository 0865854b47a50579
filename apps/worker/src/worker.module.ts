import { DynamicModule, Global, Inject, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { AppConfig, createDataSource, EventStore, INLINE_PROJECTIONS, instrumentAppends, PostgresEventStore, UpcasterRegistry } from '@sg/infra';
import { DataSource } from 'typeorm';
import { OperationReporter } from './operations/operation-reporter';
import { WorkerHttpServer } from './platform/http/worker-http.server';
import { WorkerReadiness } from './platform/http/worker-readiness';
import { SyncShutdown } from './platform/lifecycle/sync-shutdown';
import { WorkerMetrics } from './platform/observability/worker-metrics';
import { SyncQueue } from './platform/queues';
import { WORKER_CONFIG } from './platform/worker-config';
import { Reconciler } from './reconcile/reconciler';
import { EventRelay } from './relay/event-relay';
import { HypervisorSyncProcessor } from './sync/hypervisor-sync.processor';
import { SyncHypervisor } from './sync/sync-hypervisor.use-case';

const Processors = [HypervisorSyncProcessor];
const UseCases = [SyncHypervisor, OperationReporter];
const Background = [EventRelay, Reconciler];
const Platform = [WorkerMetrics, WorkerReadiness, WorkerHttpServer, SyncShutdown];

/** The worker: the event relay, the per-hypervisor sync processor and the reconciler. */
@Global()
@Module({})
export class WorkerModule implements OnModuleInit, OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  onModuleInit(): void {
    instrumentAppends(this.store, this.metrics.registry);
  }

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
          useFactory: (ds: DataSource) => {
            // Operation events the worker appends keep the read models current like any append.
            const store = new PostgresEventStore(ds, { upcasters: new UpcasterRegistry() });
            INLINE_PROJECTIONS.forEach((p) => store.registerInlineProjection(p));
            return store;
          },
        },
        SyncQueue,
        ...Platform,
        ...UseCases,
        ...Processors,
        ...Background,
      ],
      exports: [DataSource, EventStore, SyncQueue, Reconciler, WorkerHttpServer, WorkerMetrics],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.db.isInitialized) await this.db.destroy();
  }
}
