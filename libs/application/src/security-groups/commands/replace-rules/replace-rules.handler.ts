import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { ReplaceRulesCommand } from './replace-rules.command';
import { ProjectQuotas } from '../../../quotas/project-quotas';

/** The console's "Edit Security Group": the set becomes exactly the given one; rules that stay keep their ids. */
@CommandHandler(ReplaceRulesCommand)
export class ReplaceRulesHandler implements ICommandHandler<ReplaceRulesCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(ProjectQuotas) private readonly quotas: ProjectQuotas,
  ) {}

  execute({ context, groupId, rules }: ReplaceRulesCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, async (group, state, facts, now) => {
      // In a project VPC, a set that grows counts against the project's rule quota by what it adds.
      const adding = { securityGroups: 0, securityGroupRules: Math.max(0, rules.length - group.rules.length) };
      const counted = group.conventions === 'neutron' && adding.securityGroupRules > 0;
      if (counted) await this.quotas.check(group.tenant, adding);
      const events = decideSecurityGroup({ type: 'ReplaceRules', rules, groupIdsInVpc: facts.groupIds }, state, this.changes.commandContext(now));
      return { events, ...(counted && events.length > 0 && { quota: { tenant: group.tenant, adding } }) };
    });
  }
}
