import { Body, Controller, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { AddRulesCommand, type GroupChanged } from '@sg/application';
import { type NormalizedRule, ruleKey, type SecurityGroup } from '@sg/domain';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { badRequest } from '../../platform/neutron-error';
import { neutronWrite, operationHeaders, sendNeutron } from '../../platform/neutron-write';
import { TokenGuard } from '../../platform/token.guard';
import { findNeutronGroup } from '../../security-groups/find-group';
import { presentRule } from '../../security-groups/security-group.presenter';
import { parseCreateRules } from '../rule.input';

/**
 * `POST /v2.0/security-group-rules`: one rule added to its group (201, the rule as show returns
 * it). Unknown group or remote group: 404; a duplicate or a rule past the quota: 409. A bulk
 * request (`{"security_group_rules": [...]}`) adds its rules in one change, as Neutron does: all of
 * them or none, also when they go to several groups (of one project).
 */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-group-rules')
export class CreateRuleHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Post()
  async create(@Ctx() ctx: RequestContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const { bulk, rules } = parseCreateRules(body);
    const byGroup = new Map<string, NormalizedRule[]>();
    for (const [i, { securityGroupId, spec, project }] of rules.entries()) {
      if (project !== undefined && project !== ctx.principal.tenant && ctx.principal.role !== 'operator') {
        throw badRequest('Only an admin can act on behalf of another project.', 'HTTPBadRequest');
      }
      byGroup.set(securityGroupId, [...(byGroup.get(securityGroupId) ?? []), { spec, sourcePath: bulk ? `security_group_rules[${i}]` : 'security_group_rule' }]);
    }
    const groupIds = [...byGroup.keys()];
    const tenants = new Set<string>();
    for (const groupId of groupIds) tenants.add((await findNeutronGroup(this.queryBus, ctx.principal, groupId)).tenant);
    if (tenants.size > 1) throw badRequest('The rules of one bulk request must belong to the groups of one project.', 'HTTPBadRequest');
    for (const remote of new Set(rules.map((r) => r.spec.remoteGroupId).filter((id): id is string => id !== null))) {
      await findNeutronGroup(this.queryBus, ctx.principal, remote);
    }
    const answer = (change: GroupChanged) => {
      const groups = new Map<string, SecurityGroup>([[change.groupId, change.group!], ...(change.others ?? []).map((o): [string, SecurityGroup] => [o.groupId, o.group!])]);
      const presented = rules.map(({ securityGroupId, spec }) => {
        const group = groups.get(securityGroupId)!;
        const key = ruleKey(spec);
        return presentRule(group.rules.find((r) => ruleKey(r) === key)!, group);
      });
      return { statusCode: 201, headers: operationHeaders(change.operation), body: bulk ? { security_group_rules: presented } : { security_group_rule: presented[0] } };
    };
    const [first, ...more] = groupIds;
    const written = await this.commandBus.execute(
      new AddRulesCommand(neutronWrite(ctx, answer), first, byGroup.get(first)!, more.map((groupId) => ({ groupId, rules: byGroup.get(groupId)! }))),
    );
    sendNeutron(res, written, answer);
  }
}
