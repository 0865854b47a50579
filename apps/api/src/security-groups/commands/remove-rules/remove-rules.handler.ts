import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, parseRuleIdsInput } from '@sg/domain';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { RemoveRulesCommand } from './remove-rules.command';

/** All or nothing: one unknown id and no rule is removed (404 naming it). */
@CommandHandler(RemoveRulesCommand)
export class RemoveRulesHandler implements ICommandHandler<RemoveRulesCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ ctx, groupId, body }: RemoveRulesCommand): Promise<HttpResult> {
    const ruleIds = parseRuleIdsInput(body);
    return this.changes.change(ctx, groupId, (_group, state, _facts, now) => ({
      events: decideSecurityGroup({ type: 'RemoveRules', ruleIds }, state, this.changes.commandContext(now)),
    }));
  }
}
