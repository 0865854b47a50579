import { Body, Controller, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { AddRulesCommand, type GroupChanged } from '@sg/application';
import { ruleKey } from '@sg/domain';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { badRequest } from '../../platform/neutron-error';
import { neutronWrite, operationHeaders, sendNeutron } from '../../platform/neutron-write';
import { TokenGuard } from '../../platform/token.guard';
import { findNeutronGroup } from '../../security-groups/find-group';
import { presentRule } from '../../security-groups/security-group.presenter';
import { parseRule } from '../rule.input';

/**
 * `POST /v2.0/security-group-rules`: one rule added to its group (201, the rule as show returns
 * it). Unknown group or remote group: 404; a duplicate or a rule past the quota: 409.
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
    const { securityGroupId, spec, project } = parseRule(body);
    if (project !== undefined && project !== ctx.principal.tenant && ctx.principal.role !== 'operator') {
      throw badRequest('Only an admin can act on behalf of another project.', 'HTTPBadRequest');
    }
    await findNeutronGroup(this.queryBus, ctx.principal, securityGroupId);
    if (spec.remoteGroupId !== null) await findNeutronGroup(this.queryBus, ctx.principal, spec.remoteGroupId);
    const key = ruleKey(spec);
    const answer = (change: GroupChanged) => {
      const group = change.group!;
      const rule = group.rules.find((r) => ruleKey(r) === key)!;
      return { statusCode: 201, headers: operationHeaders(change.operation), body: { security_group_rule: presentRule(rule, group) } };
    };
    const written = await this.commandBus.execute(new AddRulesCommand(neutronWrite(ctx, answer), securityGroupId, [{ spec, sourcePath: 'security_group_rule' }]));
    sendNeutron(res, written, answer);
  }
}
