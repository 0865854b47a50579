import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, parseUpdateSecurityGroupInput } from '@sg/domain';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { UpdateSecurityGroupCommand } from './update-security-group.command';

/**
 * Name, description and tags reach no hypervisor: 200 with the group, and no operation to follow.
 * The default group may be described and tagged, never renamed.
 */
@CommandHandler(UpdateSecurityGroupCommand)
export class UpdateSecurityGroupHandler implements ICommandHandler<UpdateSecurityGroupCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ ctx, groupId, body }: UpdateSecurityGroupCommand): Promise<HttpResult> {
    const input = parseUpdateSecurityGroupInput(body);
    return this.changes.change(
      ctx,
      groupId,
      (_group, state, facts, now) => ({
        events: decideSecurityGroup({ type: 'UpdateSecurityGroup', ...input, existingNamesInVpc: facts.otherNames }, state, this.changes.commandContext(now)),
      }),
      { statusCode: 200, withOperation: false },
    );
  }
}
