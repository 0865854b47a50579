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
  NEUTRON_NEW_GROUP_RULES,
  type SecurityGroup,
  type SecurityGroupEvent,
} from '@sg/domain';
import { newId } from '../../../aggregates/ids';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import { ProjectQuotas } from '../../../quotas/project-quotas';
import { tenantScope } from '../../../write-path/actor';
import type { Written } from '../../../write-path/write-command';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { GroupChanges } from '../../group-changes/group-changes';
import type { VpcSnapshot } from '../../group-changes/vpc-facts';
import { CreateSecurityGroupCommand } from './create-security-group.command';

/**
 * A group with its first rules and attachments, in one change (or, for a bulk creation, several
 * groups of one VPC in one change). It belongs to its VPC's tenant, so an operator creating one in
 * a tenant's VPC creates it there.
 */
@CommandHandler(CreateSecurityGroupCommand)
export class CreateSecurityGroupHandler implements ICommandHandler<CreateSecurityGroupCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(ProjectQuotas) private readonly quotas: ProjectQuotas,
  ) {}

  execute({ context, group: first, alsoCreate }: CreateSecurityGroupCommand): Promise<Written<GroupChanged>> {
    const inputs = [first, ...alsoCreate];
    const ids = inputs.map(() => newId('sg'));
    const quotaUse = {
      securityGroups: inputs.length,
      securityGroupRules: inputs.reduce((n, input) => n + NEUTRON_NEW_GROUP_RULES.length + input.rules.length, 0),
    };
    const findVpcOf = async () => {
      const vpc = await this.vpcs.find(first.vpcId, tenantScope(context.actor));
      if (!vpc) throw new DomainError('not-found', `no VPC ${first.vpcId}`, [{ path: 'vpcId', message: `no VPC ${first.vpcId}` }]);
      if (inputs.some((input) => input.vpcId !== first.vpcId)) {
        throw new DomainError('validation-failed', 'the groups of one bulk creation belong to one VPC', [{ path: 'vpcId', message: 'must be the same for every group' }]);
      }
      for (const input of inputs) checkCidrsInsideVpc(input.applyTo.cidrs, vpc.cidr, 'applyTo.cidrs');
      // A project VPC's groups and rules (their two egress rules included) count against the project's quotas.
      if (vpc.conventions === 'neutron') await this.quotas.check(vpc.tenant, quotaUse);
      return vpc;
    };
    return this.changes.create(context, ids[0], findVpcOf, async (vpc, facts, now) => {
      const commandContext = this.changes.commandContext(now);
      const names = [...facts.otherNames];
      const created: { groupId: string; events: SecurityGroupEvent[]; view: SecurityGroup | null }[] = [];
      for (const [i, input] of inputs.entries()) {
        const groupId = ids[i];
        // Names are unique per VPC whatever their case; generated ones are lower case.
        const name = input.name ?? generateGroupName(Math.random, new Set(names.map((n) => n.toLowerCase())));
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
            existingNamesInVpc: names,
            // A rule may name its own group as remote (its members talking to each other), or another of the same creation.
            groupIdsInVpc: [...facts.groupIds, ...ids],
            instances: await facts.instanceFacts(input.applyTo.instanceIds),
          },
          initialSecurityGroupState(),
          commandContext,
        );
        const state = events.reduce(evolveSecurityGroup, initialSecurityGroupState());
        created.push({ groupId, events, view: state.status === 'active' ? state.group : null });
        names.push(name);
      }
      const { groupsPerInstance, groupsPerVpc } = commandContext.limits;
      for (const { view } of created) checkGroupsPerInstance(null, view, facts.groups, facts.instances, groupsPerInstance);
      const recheck = (vpc: VpcSnapshot) => {
        // The other groups of this creation are in the VPC now: the first one must fit beside them all.
        checkGroupsPerVpc(vpc.groups.filter((g) => g.id !== ids[0]).length, groupsPerVpc);
        for (const { view } of created) checkGroupsPerInstance(null, view, vpc.groups, vpc.instances, groupsPerInstance);
      };
      const [primary, ...rest] = created;
      return {
        events: primary.events,
        recheck,
        ...(rest.length > 0 && { others: rest.map(({ groupId, events }) => ({ groupId, expectedVersion: 'no-stream' as const, before: initialSecurityGroupState(), events })) }),
        ...(vpc.conventions === 'neutron' && { quota: { tenant: vpc.tenant, adding: quotaUse } }),
      };
    });
  }
}
