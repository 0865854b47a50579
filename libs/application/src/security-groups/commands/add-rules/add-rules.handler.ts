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

  execute({ context, groupId, rules, alsoAddTo }: AddRulesCommand): Promise<Written<GroupChanged>> {
    return this.changes.change(context, groupId, async (group, state, facts, now) => {
      const commandContext = this.changes.commandContext(now);
      // A project VPC's rules count against the project's rule quota (checked again as they are written).
      const adding = { securityGroups: 0, securityGroupRules: rules.length + alsoAddTo.reduce((n, a) => n + a.rules.length, 0) };
      if (group.conventions === 'neutron') await this.quotas.check(group.tenant, adding);
      const events = decideSecurityGroup({ type: 'AddRules', rules, groupIdsInVpc: facts.groupIds }, state, commandContext);
      const others = [];
      for (const more of alsoAddTo) {
        others.push(
          ...(await this.changes.others([more.groupId], { vpcId: group.vpcId, actor: context.actor, missing: 'refuse' }, (other) =>
            decideSecurityGroup({ type: 'AddRules', rules: more.rules, groupIdsInVpc: facts.groupIds }, other, commandContext),
          )),
        );
      }
      return {
        events,
        ...(others.length > 0 && { others }),
        ...(group.conventions === 'neutron' && adding.securityGroupRules > 0 && { quota: { tenant: group.tenant, adding } }),
      };
    });
  }
}
