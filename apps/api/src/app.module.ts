import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ApplicationModule } from '@sg/application';
import { type AppConfig, PersistenceModule } from '@sg/infra';
import { HealthModule } from './health/health.module';
import { ConsoleModule } from './console/console.module';
import { ApiKeyGuard } from './platform/auth/api-key.guard';
import { StreamTickets } from './platform/auth/stream-ticket';
import { APP_CONFIG, ConfigModule } from './platform/config.module';
import { ProblemFilter } from './platform/http/problem.filter';
import { QueuesModule } from './queues/queues.module';
import { V1Module } from './v1/v1.module';
import { NeutronModule } from './neutron/neutron.module';

/**
 * The API process: the application core (every command and query handler), bound to Postgres,
 * under its faces (/v1, and Neutron's /v2.0 with its Keystone subset), beside health, metrics and the queues' views for operators.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Start even when Postgres is down: requests answer 503 and /health/ready says why.
        PersistenceModule.forRoot({ database: config.database, applicationName: 'security-groups-api', poolSize: 20, idempotencyTtlMs: config.idempotencyTtlHours * 3600_000, startWithoutDatabase: true, auditSigningKey: config.audit.signingKey, findingChecks: config.audit.findingChecks }),
        CqrsModule.forRoot(),
        ApplicationModule.forRoot({ limits: config.limits, commandRetries: config.commandRetries }),
        V1Module,
        NeutronModule,
        HealthModule,
        QueuesModule,
        ConsoleModule,
      ],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        { provide: StreamTickets, useFactory: (c: AppConfig) => new StreamTickets(c.apiKeys), inject: [APP_CONFIG] },
      ],
      exports: [StreamTickets],
      global: true,
    };
  }
}
