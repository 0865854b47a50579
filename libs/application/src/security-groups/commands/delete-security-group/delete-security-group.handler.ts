import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { DeleteSecurityGroupCommand } from './delete-security-group.command';

/**
 * Refused while the group has rules (the console deletes them first), for the default group, and
 * while another group's rules name it as remote: deleting it would silently change what they allow.
 * Otherwise it is detached from every instance and segment, and the operation carries that out.
 */
@CommandHandler(DeleteSecurityGroupCommand)
export class DeleteSecurityGroupHandler implements ICommandHandler<DeleteSecurityGroupCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
  ) {}

  execute({ context, groupId }: DeleteSecurityGroupCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, async (group, state, _facts, now) => ({
      events: decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: await this.groups.referencing(group.id) }, state, this.changes.commandContext(now)),
    }));
  }
}
