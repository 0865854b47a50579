import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, decideVpc, DomainError } from '@sg/domain';
import { AppConfig, vpcContents } from '@sg/infra';
import { EventStore, loadAggregate, newId, StreamTypes, VpcAggregate } from '@sg/application';
import { DataSource } from 'typeorm';
import { canSee } from '../../../platform/auth/principal';
import { checkIfMatch, CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { APP_CONFIG } from '../../../platform/config.module';
import { DeleteVpcCommand } from './delete-vpc.command';
import { GroupSnapshots } from '../../../security-groups/group-snapshots';

/** Refused while the VPC has instances or groups of its own; the default group goes with it. */
@CommandHandler(DeleteVpcCommand)
export class DeleteVpcHandler implements ICommandHandler<DeleteVpcCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GroupSnapshots) private readonly groups: GroupSnapshots,
  ) {}

  execute({ ctx, vpcId }: DeleteVpcCommand): Promise<HttpResult> {
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const vpc = await loadAggregate(this.store, vpcId, VpcAggregate);
      if (vpc.state.status !== 'active' || !canSee(ctx.principal, vpc.state.vpc.tenant)) throw new DomainError('not-found', `no VPC ${vpcId}`);
      checkIfMatch(ctx, vpc.version);
      const contents = await vpcContents(this.db.manager, vpcId);
      const vpcEvents = decideVpc({ type: 'DeleteVpc', instanceCount: contents.instances, nonDefaultGroupCount: contents.nonDefaultGroups }, vpc.state, now);
      const groupId = vpc.state.vpc.defaultSecurityGroupId;
      const group = await this.groups.load(this.store, groupId);
      const groupEvents = decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: [], cascadeFromVpc: true }, group.state, {
        now,
        newRuleId: () => newId('sgr'),
        limits: this.config.limits,
      });
      return {
        tenant: vpc.state.vpc.tenant,
        appends: [
          { streamId: vpcId, streamType: StreamTypes.vpc, expectedVersion: vpc.version, events: vpcEvents },
          { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion: group.version, events: groupEvents },
        ],
        respond: async () => ({ statusCode: 204, headers: {}, body: null }),
      };
    });
  }
}
