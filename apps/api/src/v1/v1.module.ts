import { Module } from '@nestjs/common';
import { AuditModule } from './audit/audit.module';
import { EventsModule } from './events/events.module';
import { HypervisorsModule } from './hypervisors/hypervisors.module';
import { InstancesModule } from './instances/instances.module';
import { NotificationsModule } from './notifications/notifications.module';
import { OperationsModule } from './operations/operations.module';
import { PrincipalsModule } from './principals/principals.module';
import { SecurityGroupsModule } from './security-groups/security-groups.module';
import { VpcsModule } from './vpcs/vpcs.module';
import { QuotasModule } from './quotas/quotas.module';
import { FindingsModule } from './findings/findings.module';

/**
 * The /v1 REST face: its routes (controllers), the parsers that turn its JSON into the core's
 * commands and queries, and the presenters that turn outcomes into its answers.
 */
@Module({ imports: [VpcsModule, SecurityGroupsModule, HypervisorsModule, InstancesModule, EventsModule, OperationsModule, NotificationsModule, PrincipalsModule, QuotasModule, AuditModule, FindingsModule] })
export class V1Module {}
