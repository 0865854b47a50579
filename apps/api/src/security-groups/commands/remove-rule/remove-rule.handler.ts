import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, DomainError } from '@sg/domain';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { RemoveRuleCommand } from './remove-rule.command';

@CommandHandler(RemoveRuleCommand)
export class RemoveRuleHandler implements ICommandHandler<RemoveRuleCommand> {
  constructor(@Inject(GroupChanges) private readonly changes: GroupChanges) {}

  execute({ ctx, groupId, ruleId }: RemoveRuleCommand): Promise<HttpResult> {
    return this.changes.change(ctx, groupId, (_group, state, _facts, now) => {
      try {
        return { events: decideSecurityGroup({ type: 'RemoveRules', ruleIds: [ruleId] }, state, this.changes.commandContext(now)) };
      } catch (error) {
        // The domain names the body field `ruleIds`; here the rule is in the path, not the body.
        if (error instanceof DomainError && error.code === 'not-found') throw new DomainError('not-found', error.message);
        throw error;
      }
    });
  }
}
