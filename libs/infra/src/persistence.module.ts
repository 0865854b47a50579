import type { FindingCheck } from '@sg/domain';
import { Abstract, DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown, Provider } from '@nestjs/common';
import {
  AuditDigests,
  AuditLog,
  DatabaseHealth,
  EVENT_REGISTRY,
  EventStore,
  FeedCheckpoints,
  HypervisorReadModel,
  HypervisorStates,
  InstanceReadModel,
  LeaderLock,
  NotificationLog,
  OperationReadModel,
  SecurityGroupReadModel,
  VpcReadModel,
  QuotaReadModel,
  FindingReadModel,
} from '@sg/application';
import { DataSource } from 'typeorm';
import { PostgresDatabaseHealth } from './database/database-health';
import { createDataSource } from './database/data-source';
import type { DatabaseConfig } from './database/database.config';
import { PostgresLeaderLock } from './database/leader-lock';
import { PostgresCheckpointStore } from './event-store/checkpoint-store';
import { PostgresAuditLog } from './event-store/postgres-audit-log';
import { PostgresAuditDigests } from './audit/postgres-audit-digests';
import { createEventStore } from './event-store/create-event-store';
import { PostgresEventStore } from './event-store/postgres-event-store';
import { PostgresHypervisorStates } from './propagation/hypervisor-states';
import { PostgresNotificationLog } from './propagation/notifications';
import { PostgresHypervisorReadModel } from './read-models/hypervisors.read-model';
import { PostgresInstanceReadModel } from './read-models/instances.read-model';
import { PostgresOperationReadModel } from './read-models/operations.read-model';
import { PostgresSecurityGroupReadModel } from './read-models/security-groups.read-model';
import { PostgresVpcReadModel } from './read-models/vpcs.read-model';
import { PostgresQuotaReadModel } from './read-models/quotas.read-model';
import { PostgresFindingReadModel } from './read-models/findings.read-model';

export interface PersistenceOptions {
  database: DatabaseConfig;
  /** Shown in pg_stat_activity. */
  applicationName: string;
  poolSize: number;
  idempotencyTtlMs: number;
  /**
   * Start even when Postgres is down (the API: requests answer 503 and readiness says why, and
   * the pool connects once Postgres is back). Without it, start-up fails (the worker retries).
   */
  startWithoutDatabase?: boolean;
  /** AUDIT_SIGNING_KEY as PEM; null or absent: the development key (see PostgresAuditDigests). */
  auditSigningKey?: string | null;
  /** FINDINGS_CHECKS: the checks the findings projection runs; absent: every check. */
  findingChecks?: ReadonlySet<FindingCheck>;
}

/** Every port Postgres answers, each bound to its adapter over the process's one DataSource. */
const adapters: [Abstract<unknown>, (ds: DataSource) => unknown][] = [
  [SecurityGroupReadModel, (ds) => new PostgresSecurityGroupReadModel(ds)],
  [InstanceReadModel, (ds) => new PostgresInstanceReadModel(ds)],
  [VpcReadModel, (ds) => new PostgresVpcReadModel(ds)],
  [QuotaReadModel, (ds) => new PostgresQuotaReadModel(ds)],
  [HypervisorReadModel, (ds) => new PostgresHypervisorReadModel(ds)],
  [OperationReadModel, (ds) => new PostgresOperationReadModel(ds)],
  [FindingReadModel, (ds) => new PostgresFindingReadModel(ds)],
  [HypervisorStates, (ds) => new PostgresHypervisorStates(ds)],
  [FeedCheckpoints, (ds) => new PostgresCheckpointStore(ds)],
  [DatabaseHealth, (ds) => new PostgresDatabaseHealth(ds)],
  [AuditLog, (ds) => new PostgresAuditLog(ds, EVENT_REGISTRY)],
];

/**
 * The one place the ports of the core are bound to Postgres: the API and the worker import it, so
 * both run the same event store (createEventStore) and the same read models.
 */
@Global()
@Module({})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(EventStore) private readonly store: PostgresEventStore,
    @Inject(NotificationLog) private readonly notifications: PostgresNotificationLog,
    @Inject(LeaderLock) private readonly leader: PostgresLeaderLock,
  ) {}

  static forRoot(options: PersistenceOptions): DynamicModule {
    const logger = new Logger('persistence');
    const providers: Provider[] = [
      {
        provide: DataSource,
        useFactory: async () => {
          const ds = createDataSource(options.database, { applicationName: options.applicationName, poolSize: options.poolSize });
          if (options.startWithoutDatabase) await ds.initialize().catch(() => undefined);
          else await ds.initialize();
          return ds;
        },
      },
      { provide: EventStore, inject: [DataSource], useFactory: (ds: DataSource) => createEventStore(ds, { idempotencyTtlMs: options.idempotencyTtlMs, findingChecks: options.findingChecks }) },
      { provide: NotificationLog, inject: [DataSource], useFactory: (ds: DataSource) => new PostgresNotificationLog(ds, options.database.url, (m) => logger.warn(m)) },
      { provide: LeaderLock, useFactory: () => new PostgresLeaderLock(options.database.url, `${options.applicationName}-leader`) },
      {
        provide: AuditDigests,
        inject: [DataSource, EventStore],
        useFactory: (ds: DataSource, store: EventStore) => new PostgresAuditDigests(ds, store, options.auditSigningKey ?? null),
      },
      ...adapters.map(([port, make]): Provider => ({ provide: port, inject: [DataSource], useFactory: make })),
    ];
    return { module: PersistenceModule, providers, exports: [DataSource, EventStore, NotificationLog, LeaderLock, AuditDigests, ...adapters.map(([port]) => port)] };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.leader.release();
    await this.notifications.close();
    await this.store.close();
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
