import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkAddressQuota, countRuleInputAddresses, decideSecurityGroup, parseReplaceRulesInput } from '@sg/domain';
import type { AppConfig } from '@sg/infra';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { APP_CONFIG } from '../../../platform/config.module';
import { GroupChanges } from '../../group-changes.service';
import { ReplaceRulesCommand } from './replace-rules.command';

/** The console's "Edit Security Group": the set becomes exactly the given one; rules that stay keep their ids. */
@CommandHandler(ReplaceRulesCommand)
export class ReplaceRulesHandler implements ICommandHandler<ReplaceRulesCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ ctx, groupId, body }: ReplaceRulesCommand): Promise<HttpResult> {
    const maxAddresses = this.config.limits.addressesPerRequest;
    checkAddressQuota(countRuleInputAddresses(body, ['inboundRules', 'outboundRules']), maxAddresses);
    const input = parseReplaceRulesInput(body, { callerIp: ctx.callerIp, maxAddresses });
    return this.changes.change(ctx, groupId, (_group, state, facts, now) => ({
      events: decideSecurityGroup({ type: 'ReplaceRules', rules: input.rules, groupIdsInVpc: facts.groupIds }, state, this.changes.commandContext(now)),
      warnings: input.warnings,
    }));
  }
}
