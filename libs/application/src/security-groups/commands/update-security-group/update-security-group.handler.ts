import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { UpdateSecurityGroupCommand } from './update-security-group.command';

/**
 * Name, description and tags reach no hypervisor: no operation follows. The default group may be
 * described and tagged, never renamed.
 */
@CommandHandler(UpdateSecurityGroupCommand)
export class UpdateSecurityGroupHandler implements ICommandHandler<UpdateSecurityGroupCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ context, groupId, changes }: UpdateSecurityGroupCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(
      context,
      groupId,
      (_group, state, facts, now) => ({
        events: decideSecurityGroup({ type: 'UpdateSecurityGroup', ...changes, existingNamesInVpc: facts.otherNames }, state, this.changes.commandContext(now)),
      }),
      { withOperation: false },
    );
  }
}
