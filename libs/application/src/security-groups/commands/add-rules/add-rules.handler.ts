import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { AddRulesCommand } from './add-rules.command';

/**
 * All or nothing. Adding commutes with other additions, so without an expected version a writer
 * that lost the race is re-run on the fresh group rather than refused.
 */
@CommandHandler(AddRulesCommand)
export class AddRulesHandler implements ICommandHandler<AddRulesCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ context, groupId, rules }: AddRulesCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, (_group, state, facts, now) => ({
      events: decideSecurityGroup({ type: 'AddRules', rules, groupIdsInVpc: facts.groupIds }, state, this.changes.commandContext(now)),
    }));
  }
}
