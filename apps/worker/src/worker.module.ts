import { DynamicModule, Inject, Module, OnModuleInit } from '@nestjs/common';
import { Agents, EventStore } from '@sg/application';
import { AgentUrlPolicy, AppConfig, HttpAgents, instrumentAppends, PersistenceModule } from '@sg/infra';
import { RetentionJob } from './housekeeping/retention.job';
import { AuditDigestJob } from './audit/audit-digest.job';
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
const Background = [EventRelay, Reconciler, RetentionJob, AuditDigestJob];
const Platform = [WorkerMetrics, WorkerReadiness, WorkerHttpServer, SyncShutdown];

/**
 * The worker: the event relay, the per-hypervisor sync processor, the reconciler and the retention
 * job, over the same persistence as the API (the event store and read models, bound in
 * PersistenceModule). The relay, the reconciler and the retention job run on the leading worker only.
 */
@Module({})
export class WorkerModule implements OnModuleInit {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {}

  onModuleInit(): void {
    instrumentAppends(this.store, this.metrics.registry);
  }

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        PersistenceModule.forRoot({
          database: config.database,
          applicationName: 'security-groups-worker',
          poolSize: 10,
          idempotencyTtlMs: config.idempotencyTtlHours * 3600_000,
          auditSigningKey: config.audit.signingKey,
          findingChecks: config.audit.findingChecks,
        }),
      ],
      providers: [{ provide: WORKER_CONFIG, useValue: config }, { provide: Agents, useValue: new HttpAgents(new AgentUrlPolicy(config.propagation.agentUrls)) }, SyncQueue, ...Platform, ...UseCases, ...Processors, ...Background],
      exports: [SyncQueue, Reconciler, RetentionJob, WorkerHttpServer, WorkerMetrics],
    };
  }
}
