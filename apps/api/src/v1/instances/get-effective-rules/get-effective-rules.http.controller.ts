import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetEffectiveRulesQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { EffectiveRuleResponse, presentEffectiveRule } from '../instance.presenter';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class GetEffectiveRulesHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id/effective-rules')
  @ApiOperation({
    summary: 'The rules enforced on an instance: the union of the rules of every group that applies to it',
    description:
      'A JSON array of rules, each with the group it came from (`securityGroupId`, `securityGroupName`) and `remoteCidrs`: its remote, or for a ' +
      'remote group the host prefixes of that group\'s current members. Groups applied directly and through a CIDR attachment both count. ' +
      'Ordered by group id, then by the order of the rules within each group. Not paginated: the group and rule limits bound it.',
  })
  @ApiOkResponse({ type: [EffectiveRuleResponse] })
  @ApiProblems({ 404: 'not-found: no such instance, or another tenant\'s' })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<EffectiveRuleResponse[]> {
    return (await this.queryBus.execute(new GetEffectiveRulesQuery(ctx.principal, id))).map(presentEffectiveRule);
  }
}
