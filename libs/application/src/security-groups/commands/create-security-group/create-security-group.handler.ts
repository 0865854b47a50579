import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  checkCidrsInsideVpc,
  checkGroupsPerInstance,
  checkGroupsPerVpc,
  decideSecurityGroup,
  DomainError,
  evolveSecurityGroup,
  generateGroupName,
  initialSecurityGroupState,
} from '@sg/domain';
import { newId } from '../../../aggregates/ids';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import { tenantScope } from '../../../write-path/actor';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import type { VpcSnapshot } from '../../group-changes/vpc-facts';
import { CreateSecurityGroupCommand } from './create-security-group.command';
import { ProjectQuotas } from '../../../quotas/project-quotas';
import { NEUTRON_NEW_GROUP_RULES } from '@sg/domain';

/**
 * A group with its first rules and attachments, in one change. It belongs to its VPC's tenant, so
 * an operator creating one in a tenant's VPC creates it there.
 */
@CommandHandler(CreateSecurityGroupCommand)
export class CreateSecurityGroupHandler implements ICommandHandler<CreateSecurityGroupCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(ProjectQuotas) private readonly quotas: ProjectQuotas,
  ) {}

  execute({ context, group: input }: CreateSecurityGroupCommand): Promise<Written<GroupChanged>> {
    const groupId = newId('sg');
    const quotaUse = { securityGroups: 1, securityGroupRules: NEUTRON_NEW_GROUP_RULES.length + input.rules.length };
    const findVpcOf = async () => {
      const vpc = await this.vpcs.find(input.vpcId, tenantScope(context.actor));
      if (!vpc) throw new DomainError('not-found', `no VPC ${input.vpcId}`, [{ path: 'vpcId', message: `no VPC ${input.vpcId}` }]);
      checkCidrsInsideVpc(input.applyTo.cidrs, vpc.cidr, 'applyTo.cidrs');
      // A project VPC's groups and rules (its two egress rules included) count against the project's quotas.
      if (vpc.conventions === 'neutron') await this.quotas.check(vpc.tenant, quotaUse);
      return vpc;
    };
    return this.changes.create(context, groupId, findVpcOf, async (vpc, facts, now) => {
      const commandContext = this.changes.commandContext(now);
      // Names are unique per VPC whatever their case; generated ones are lower case.
      const name = input.name ?? generateGroupName(Math.random, new Set(facts.otherNames.map((n) => n.toLowerCase())));
      const events = decideSecurityGroup(
        {
          type: 'CreateSecurityGroup',
          groupId,
          vpcId: vpc.id,
          tenant: vpc.tenant,
          name,
          description: input.description,
          tags: input.tags,
          // A project VPC's groups follow Neutron's conventions, whichever face creates them.
          ...(vpc.conventions === 'neutron' && { conventions: 'neutron' as const }),
          rules: input.rules,
          applyTo: input.applyTo,
          existingNamesInVpc: facts.otherNames,
          // A rule may name its own group as remote (its members talking to each other).
          groupIdsInVpc: [...facts.groupIds, groupId],
          instances: await facts.instanceFacts(input.applyTo.instanceIds),
        },
        initialSecurityGroupState(),
        commandContext,
      );
      const created = events.reduce(evolveSecurityGroup, initialSecurityGroupState());
      const view = created.status === 'active' ? created.group : null;
      const { groupsPerInstance, groupsPerVpc } = commandContext.limits;
      checkGroupsPerInstance(null, view, facts.groups, facts.instances, groupsPerInstance);
      const recheck = (vpc: VpcSnapshot) => {
        checkGroupsPerVpc(vpc.groups.filter((g) => g.id !== groupId).length, groupsPerVpc);
        checkGroupsPerInstance(null, view, vpc.groups, vpc.instances, groupsPerInstance);
      };
      return { events, recheck, ...(vpc.conventions === 'neutron' && { quota: { tenant: vpc.tenant, adding: quotaUse } }) };
    });
  }
}
