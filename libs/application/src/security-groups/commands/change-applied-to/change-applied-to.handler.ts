import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkCidrsInsideVpc, checkGroupsPerInstance, decideSecurityGroup, evolveSecurityGroup } from '@sg/domain';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { ChangeAppliedToCommand } from './change-applied-to.command';

/**
 * Removing is never refused: naming something the group does not apply to changes nothing, so a
 * retried removal is harmless. Adding checks the segments against the VPC and the instances'
 * group limit, again inside the transaction under the VPC's lock.
 */
@CommandHandler(ChangeAppliedToCommand)
export class ChangeAppliedToHandler implements ICommandHandler<ChangeAppliedToCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
  ) {}

  execute({ context, groupId, mode, instanceIds, cidrs }: ChangeAppliedToCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, async (group, state, facts, now) => {
      const commandContext = this.changes.commandContext(now);
      if (mode !== 'remove') {
        const vpc = await this.vpcs.find(group.vpcId, null);
        checkCidrsInsideVpc(cidrs, vpc?.cidr ?? null, 'cidrs');
      }
      const instances = mode === 'remove' ? {} : await facts.instanceFacts(instanceIds);
      const events = decideSecurityGroup({ type: 'ChangeAppliedTo', mode, instanceIds, cidrs, instances }, state, commandContext);
      const after = events.reduce(evolveSecurityGroup, state);
      const limit = commandContext.limits.groupsPerInstance;
      const afterView = after.status === 'active' ? after.group : null;
      checkGroupsPerInstance(group, afterView, facts.groups, facts.instances, limit);
      return { events, recheck: (vpc) => checkGroupsPerInstance(group, afterView, vpc.groups, vpc.instances, limit) };
    });
  }
}
