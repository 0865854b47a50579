import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import type { AppConfig } from '@sg/infra';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { HypervisorsModule } from './hypervisors/hypervisors.module';
import { InstancesModule } from './instances/instances.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { ApiKeyGuard } from './platform/auth/api-key.guard';
import { ConsoleModule } from './console/console.module';
import { CommandExecutor } from './platform/commands/command-executor';
import { APP_CONFIG, ConfigModule } from './platform/config.module';
import { StreamTickets } from './platform/auth/stream-ticket';
import { ProblemFilter } from './platform/http/problem.filter';
import { PersistenceModule } from './platform/persistence/persistence.module';
import { PrincipalsModule } from './principals/principals.module';
import { QueuesModule } from './queues/queues.module';
import { GroupSnapshots } from './security-groups/group-snapshots';
import { SecurityGroupsModule } from './security-groups/security-groups.module';
import { VpcsModule } from './vpcs/vpcs.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), PersistenceModule, CqrsModule.forRoot(), HealthModule, VpcsModule, SecurityGroupsModule, HypervisorsModule, InstancesModule, EventsModule, OperationsModule, NotificationsModule, QueuesModule, PrincipalsModule, ConsoleModule],
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
