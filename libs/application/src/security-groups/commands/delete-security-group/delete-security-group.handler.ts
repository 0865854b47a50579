import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { DeleteSecurityGroupCommand } from './delete-security-group.command';

/**
 * A product group: refused while it has rules (the console deletes them first), for the default
 * group, and while another group's rules name it as remote (deleting it would silently change what
 * they allow). A project VPC's group (Neutron's conventions): deleted with its rules, and with the
 * rules of other groups that name it as their remote, all in one change with one operation.
 * Either way it is detached from every instance and segment, and the operation carries that out.
 * A rule naming it that another writer commits meanwhile breaks the read models' reference to it,
 * and the deletion is decided again (with that rule).
 */
@CommandHandler(DeleteSecurityGroupCommand)
export class DeleteSecurityGroupHandler implements ICommandHandler<DeleteSecurityGroupCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
  ) {}

  execute({ context, groupId }: DeleteSecurityGroupCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, async (group, state, _facts, now) => {
      const commandContext = this.changes.commandContext(now);
      const referencing = (await this.groups.referencing(group.id)).filter((id) => id !== group.id);
      const events = decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: referencing }, state, commandContext);
      if (group.conventions !== 'neutron' || referencing.length === 0) return { events };
      const others = await this.changes.others(referencing, { vpcId: group.vpcId, actor: context.actor, missing: 'skip' }, (other) =>
        decideSecurityGroup({ type: 'ForgetRemoteGroup', remoteGroupId: group.id }, other, commandContext),
      );
      return { events, others };
    });
  }
}
