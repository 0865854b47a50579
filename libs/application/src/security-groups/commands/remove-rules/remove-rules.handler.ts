import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { RemoveRulesCommand } from './remove-rules.command';

/** All or nothing: one unknown id and no rule is removed (404 naming it). */
@CommandHandler(RemoveRulesCommand)
export class RemoveRulesHandler implements ICommandHandler<RemoveRulesCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ context, groupId, ruleIds }: RemoveRulesCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, (_group, state, _facts, now) => ({
      events: decideSecurityGroup({ type: 'RemoveRules', ruleIds }, state, this.changes.commandContext(now)),
    }));
  }
}
