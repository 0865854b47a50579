import { ProjectQuotas } from './quotas/project-quotas';
import { SetQuotasHandler } from './quotas/commands/set-quotas/set-quotas.handler';
import { GetQuotasHandler } from './quotas/queries/get-quotas/get-quotas.handler';
import { EnsureProjectVpcHandler } from './projects/commands/ensure-project-vpc/ensure-project-vpc.handler';
import { FindRuleHandler } from './projects/queries/find-rule/find-rule.handler';
import { DynamicModule, Module } from '@nestjs/common';
import { ExportFeedHandler } from './audit/queries/export-feed/export-feed.handler';
import { GetGroupEventsHandler } from './audit/queries/get-group-events/get-group-events.handler';
import { GetGroupHistoryHandler } from './audit/queries/get-group-history/get-group-history.handler';
import { ReadFeedHandler } from './audit/queries/read-feed/read-feed.handler';
import { GetGroupChangesHandler } from './audit/queries/get-group-changes/get-group-changes.handler';
import { GetAuditPublicKeyHandler } from './audit/queries/get-audit-public-key/get-audit-public-key.handler';
import { ListAuditDigestsHandler } from './audit/queries/list-audit-digests/list-audit-digests.handler';
import { ListGroupsAtHandler } from './audit/queries/list-groups-at/list-groups-at.handler';
import { SearchAuditEventsHandler } from './audit/queries/search-audit-events/search-audit-events.handler';
import { RegisterHypervisorHandler } from './hypervisors/commands/register-hypervisor/register-hypervisor.handler';
import { ResyncHypervisorHandler } from './hypervisors/commands/resync-hypervisor/resync-hypervisor.handler';
import { GetHypervisorHandler } from './hypervisors/queries/get-hypervisor/get-hypervisor.handler';
import { ListHypervisorsHandler } from './hypervisors/queries/list-hypervisors/list-hypervisors.handler';
import { DeleteInstanceHandler } from './instances/commands/delete-instance/delete-instance.handler';
import { MoveInstanceHandler } from './instances/commands/move-instance/move-instance.handler';
import { RegisterInstanceHandler } from './instances/commands/register-instance/register-instance.handler';
import { CheckFlowHandler } from './instances/queries/check-flow/check-flow.handler';
import { GetEffectiveRulesHandler } from './instances/queries/get-effective-rules/get-effective-rules.handler';
import { GetInstanceHandler } from './instances/queries/get-instance/get-instance.handler';
import { ListInstancesHandler } from './instances/queries/list-instances/list-instances.handler';
import { LatestNotificationHandler } from './notifications/queries/latest-notification/latest-notification.handler';
import { ListNotificationsHandler } from './notifications/queries/list-notifications/list-notifications.handler';
import { RetryOperationHandler } from './operations/commands/retry-operation/retry-operation.handler';
import { GetOperationHandler } from './operations/queries/get-operation/get-operation.handler';
import { ListOperationsHandler } from './operations/queries/list-operations/list-operations.handler';
import { ListFindingsHandler } from './findings/queries/list-findings/list-findings.handler';
import { AddRulesHandler } from './security-groups/commands/add-rules/add-rules.handler';
import { ChangeAppliedToHandler } from './security-groups/commands/change-applied-to/change-applied-to.handler';
import { CreateSecurityGroupHandler } from './security-groups/commands/create-security-group/create-security-group.handler';
import { DeleteSecurityGroupHandler } from './security-groups/commands/delete-security-group/delete-security-group.handler';
import { RemoveRulesHandler } from './security-groups/commands/remove-rules/remove-rules.handler';
import { ReplaceRulesHandler } from './security-groups/commands/replace-rules/replace-rules.handler';
import { UpdateSecurityGroupHandler } from './security-groups/commands/update-security-group/update-security-group.handler';
import { GroupBatchDecider } from './security-groups/group-changes/group-batch';
import { GroupChangePlanner } from './security-groups/group-changes/group-change-plan';
import { GroupChanges } from './security-groups/group-changes/group-changes';
import { GroupCommit } from './security-groups/group-changes/group-commit';
import { GroupSnapshots } from './security-groups/group-changes/group-snapshots';
import { VpcFactsReader } from './security-groups/group-changes/vpc-facts';
import { GetSecurityGroupHandler } from './security-groups/queries/get-security-group/get-security-group.handler';
import { ListSecurityGroupsHandler } from './security-groups/queries/list-security-groups/list-security-groups.handler';
import { CoreSettings } from './settings';
import { CreateVpcHandler } from './vpcs/commands/create-vpc/create-vpc.handler';
import { DeleteVpcHandler } from './vpcs/commands/delete-vpc/delete-vpc.handler';
import { GetVpcHandler } from './vpcs/queries/get-vpc/get-vpc.handler';
import { ListVpcsHandler } from './vpcs/queries/list-vpcs/list-vpcs.handler';
import { CommandExecutor } from './write-path/command-executor';

/** The write path every command goes through, and the security groups' group commit. */
const WritePath = [ProjectQuotas, CommandExecutor, GroupSnapshots, VpcFactsReader, GroupChangePlanner, GroupBatchDecider, GroupCommit, GroupChanges];

const CommandHandlers = [
  CreateVpcHandler,
  EnsureProjectVpcHandler,
  SetQuotasHandler,
  DeleteVpcHandler,
  CreateSecurityGroupHandler,
  UpdateSecurityGroupHandler,
  DeleteSecurityGroupHandler,
  AddRulesHandler,
  RemoveRulesHandler,
  ReplaceRulesHandler,
  ChangeAppliedToHandler,
  RegisterInstanceHandler,
  MoveInstanceHandler,
  DeleteInstanceHandler,
  RegisterHypervisorHandler,
  ResyncHypervisorHandler,
  RetryOperationHandler,
];

const QueryHandlers = [
  GetVpcHandler,
  FindRuleHandler,
  GetQuotasHandler,
  ListVpcsHandler,
  GetSecurityGroupHandler,
  ListSecurityGroupsHandler,
  GetInstanceHandler,
  ListInstancesHandler,
  GetEffectiveRulesHandler,
  CheckFlowHandler,
  GetHypervisorHandler,
  ListHypervisorsHandler,
  GetOperationHandler,
  ListOperationsHandler,
  ListNotificationsHandler,
  LatestNotificationHandler,
  GetGroupEventsHandler,
  GetGroupHistoryHandler,
  ReadFeedHandler,
  ExportFeedHandler,
  SearchAuditEventsHandler,
  GetGroupChangesHandler,
  GetAuditPublicKeyHandler,
  ListAuditDigestsHandler,
  ListGroupsAtHandler,
  ListFindingsHandler,
];

/**
 * The application core as a Nest module: every command and query handler, and the write path.
 * Faces send it commands and queries over the CQRS buses; the ports it needs are bound elsewhere
 * (PersistenceModule in libs/infra).
 */
@Module({})
export class ApplicationModule {
  static forRoot(settings: CoreSettings): DynamicModule {
    return {
      module: ApplicationModule,
      global: true,
      providers: [{ provide: CoreSettings, useValue: settings }, ...WritePath, ...CommandHandlers, ...QueryHandlers],
      exports: [CoreSettings],
    };
  }
}
