import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { type AppConfig, PersistenceModule } from '@sg/infra';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { HypervisorsModule } from './hypervisors/hypervisors.module';
import { InstancesModule } from './instances/instances.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { ApiKeyGuard } from './platform/auth/api-key.guard';
import { CommandExecutor } from './platform/commands/command-executor';
import { APP_CONFIG, ConfigModule } from './platform/config.module';
import { StreamTickets } from './platform/auth/stream-ticket';
import { ProblemFilter } from './platform/http/problem.filter';
import { QueuesModule } from './queues/queues.module';
import { GroupSnapshots } from './security-groups/group-snapshots';
import { SecurityGroupsModule } from './security-groups/security-groups.module';
import { VpcsModule } from './vpcs/vpcs.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Start even when Postgres is down: requests answer 503 and /health/ready says why.
        PersistenceModule.forRoot({ database: config.database, applicationName: 'security-groups-api', poolSize: 20, idempotencyTtlMs: config.idempotencyTtlHours * 3600_000, startWithoutDatabase: true }),
        CqrsModule.forRoot(), HealthModule, VpcsModule, SecurityGroupsModule, HypervisorsModule, InstancesModule, EventsModule, OperationsModule, NotificationsModule, QueuesModule],
      providers: [
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        CommandExecutor,
        GroupSnapshots,
        { provide: StreamTickets, useFactory: (c: AppConfig) => new StreamTickets(c.apiKeys), inject: [APP_CONFIG] },
      ],
      exports: [CommandExecutor, StreamTickets, GroupSnapshots],
      global: true,
    };
  }
}
