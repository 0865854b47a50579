import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { ReplaceRulesCommand } from './replace-rules.command';

/** The console's "Edit Security Group": the set becomes exactly the given one; rules that stay keep their ids. */
@CommandHandler(ReplaceRulesCommand)
export class ReplaceRulesHandler implements ICommandHandler<ReplaceRulesCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ context, groupId, rules }: ReplaceRulesCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, (_group, state, facts, now) => ({
      events: decideSecurityGroup({ type: 'ReplaceRules', rules, groupIdsInVpc: facts.groupIds }, state, this.changes.commandContext(now)),
    }));
  }
}
