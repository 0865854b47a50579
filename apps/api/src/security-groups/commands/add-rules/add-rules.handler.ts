import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkAddressQuota, countRuleInputAddresses, decideSecurityGroup, parseAddRulesInput } from '@sg/domain';
import type { AppConfig } from '@sg/infra';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { APP_CONFIG } from '../../../platform/config.module';
import { GroupChanges } from '../../group-changes.service';
import { AddRulesCommand } from './add-rules.command';

/**
 * All or nothing (API.md "Rules"). Adding commutes with other additions, so without If-Match a
 * writer that lost the race is re-run on the fresh group rather than refused.
 */
@CommandHandler(AddRulesCommand)
export class AddRulesHandler implements ICommandHandler<AddRulesCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  execute({ ctx, groupId, body }: AddRulesCommand): Promise<HttpResult> {
    const maxAddresses = this.config.limits.addressesPerRequest;
    checkAddressQuota(countRuleInputAddresses(body, ['rules']), maxAddresses);
    const input = parseAddRulesInput(body, { callerIp: ctx.callerIp, maxAddresses });
    return this.changes.change(ctx, groupId, (_group, state, facts, now) => ({
      events: decideSecurityGroup({ type: 'AddRules', rules: input.rules, groupIdsInVpc: facts.groupIds }, state, this.changes.commandContext(now)),
      warnings: input.warnings,
    }));
  }
}

