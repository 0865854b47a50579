import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  checkAddressQuota,
  checkCidrsInsideVpc,
  checkGroupsPerInstance,
  checkGroupsPerVpc,
  countRuleInputAddresses,
  decideSecurityGroup,
  DomainError,
  evolveSecurityGroup,
  generateGroupName,
  initialSecurityGroupState,
  parseCreateSecurityGroupInput,
} from '@sg/domain';
import { AppConfig, findVpc } from '@sg/infra';
import { newId } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { APP_CONFIG } from '../../../platform/config.module';
import { GroupChanges, VpcSnapshot } from '../../group-changes.service';
import { CreateSecurityGroupCommand } from './create-security-group.command';

/**
 * A group with its first rules and attachments, in one change (API.md "Security groups"). It
 * belongs to its VPC's tenant, so an operator creating one in a tenant's VPC creates it there.
 */
@CommandHandler(CreateSecurityGroupCommand)
export class CreateSecurityGroupHandler implements ICommandHandler<CreateSecurityGroupCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ ctx, body }: CreateSecurityGroupCommand): Promise<HttpResult> {
    const maxAddresses = this.config.limits.addressesPerRequest;
    checkAddressQuota(countRuleInputAddresses(body, ['rules']), maxAddresses);
    const input = parseCreateSecurityGroupInput(body, { callerIp: ctx.callerIp, maxAddresses });
    const groupId = newId('sg');
    const findVpcOf = async () => {
      const vpc = await findVpc(this.db.manager, input.vpcId, tenantScope(ctx.principal));
      if (!vpc) throw new DomainError('not-found', `no VPC ${input.vpcId}`, [{ path: 'vpcId', message: `no VPC ${input.vpcId}` }]);
      checkCidrsInsideVpc(input.applyTo.cidrs, vpc.cidr, 'applyTo.cidrs');
      return vpc;
    };
    return this.changes.create(ctx, groupId, findVpcOf, async (vpc, facts, now) => {
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
      return { events, warnings: input.warnings, recheck };
    });
  }
}
