import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, decideVpc, DomainError } from '@sg/domain';
import { VpcAggregate } from '../../../aggregates/aggregates';
import { loadAggregate } from '../../../aggregates/load-aggregate';
import { StreamTypes } from '../../../aggregates/streams';
import { EventStore } from '../../../ports/event-store.port';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import { groupCommandContext } from '../../../security-groups/group-changes/group-changes';
import { GroupSnapshots } from '../../../security-groups/group-changes/group-snapshots';
import { CoreSettings } from '../../../settings';
import { canSee } from '../../../write-path/actor';
import { CommandExecutor } from '../../../write-path/command-executor';
import { checkExpectedVersion } from '../../../write-path/errors';
import type { Written } from '../../../write-path/write-command';
import { DeleteVpcCommand, type VpcDeleted } from './delete-vpc.command';

/** Refused while the VPC has instances or groups of its own; the default group goes with it. */
@CommandHandler(DeleteVpcCommand)
export class DeleteVpcHandler implements ICommandHandler<DeleteVpcCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(GroupSnapshots) private readonly groups: GroupSnapshots,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  execute({ context, vpcId }: DeleteVpcCommand): Promise<Written<VpcDeleted>> {
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const vpc = await loadAggregate(this.store, vpcId, VpcAggregate);
      if (vpc.state.status !== 'active' || !canSee(context.actor, vpc.state.vpc.tenant)) throw new DomainError('not-found', `no VPC ${vpcId}`);
      checkExpectedVersion(context.expectedVersion, vpc.version);
      const contents = await this.vpcs.contents(vpcId);
      const vpcEvents = decideVpc({ type: 'DeleteVpc', instanceCount: contents.instances, nonDefaultGroupCount: contents.nonDefaultGroups }, vpc.state, now);
      const groupId = vpc.state.vpc.defaultSecurityGroupId;
      const group = await this.groups.load(this.store, groupId);
      const groupEvents = decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: [], cascadeFromVpc: true }, group.state, groupCommandContext(now, this.settings.limits));
      return {
        tenant: vpc.state.vpc.tenant,
        appends: [
          { streamId: vpcId, streamType: StreamTypes.vpc, expectedVersion: vpc.version, events: vpcEvents },
          { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion: group.version, events: groupEvents },
        ],
        outcome: async () => ({ vpcId }),
      };
    });
  }
}
