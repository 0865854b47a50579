import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import { ProjectQuotas } from '../../../quotas/project-quotas';
import { AddRulesCommand } from './add-rules.command';

/**
 * All or nothing. Adding commutes with other additions, so without an expected version a writer
 * that lost the race is re-run on the fresh group rather than refused.
 */
@CommandHandler(AddRulesCommand)
export class AddRulesHandler implements ICommandHandler<AddRulesCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(ProjectQuotas) private readonly quotas: ProjectQuotas,
  ) {}

  execute({ context, groupId, rules }: AddRulesCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, async (group, state, facts, now) => {
      // A project VPC's rules count against the project's rule quota (checked again as they are written).
      const adding = { securityGroups: 0, securityGroupRules: rules.length };
      if (group.conventions === 'neutron') await this.quotas.check(group.tenant, adding);
      const events = decideSecurityGroup({ type: 'AddRules', rules, groupIdsInVpc: facts.groupIds }, state, this.changes.commandContext(now));
      return { events, ...(group.conventions === 'neutron' && events.length > 0 && { quota: { tenant: group.tenant, adding } }) };
    });
  }
}
