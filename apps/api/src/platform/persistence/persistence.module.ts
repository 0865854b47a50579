import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, createDataSource, createEventStore } from '@sg/infra';
import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config.module';

/**
 * Postgres: one DataSource for the process, the event store with every inline projection
 * registered (so each append writes its read models in the same transaction).
 */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const ds = createDataSource(config.database, { applicationName: 'security-groups-api', poolSize: 20 });
        // Start even when Postgres is down: requests answer 503 and /health/ready says why,
        // and the pool connects once Postgres is back.
        await ds.initialize().catch(() => undefined);
        return ds;
      },
    },
    {
      provide: EventStore,
      inject: [DataSource, APP_CONFIG],
      useFactory: (ds: DataSource, config: AppConfig) => createEventStore(ds, { idempotencyTtlMs: config.idempotencyTtlHours * 3600_000 }),
    },
  ],
  exports: [DataSource, EventStore],
})
export class PersistenceModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
