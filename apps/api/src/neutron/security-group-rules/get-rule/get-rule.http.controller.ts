import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { TokenGuard } from '../../platform/token.guard';
import { presentRule } from '../../security-groups/security-group.presenter';
import { findNeutronRule } from '../find-rule';

/** `GET /v2.0/security-group-rules/{id}`. */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-group-rules')
export class GetRuleHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    const { rule, group } = await findNeutronRule(this.queryBus, ctx.principal, id);
    return { security_group_rule: presentRule(rule, group) };
  }
}
