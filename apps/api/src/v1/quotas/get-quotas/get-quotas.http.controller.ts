import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { GetQuotasQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { presentQuotas, QuotasResponse } from '../quota.presenter';
import { parseTenantParam } from '../quota.input';

@ApiTags('quotas')
@ApiBearerAuth()
@Controller('v1/quotas')
export class GetQuotasHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':tenant')
  @ApiOperation({
    summary: 'A tenant\'s project quotas and usage',
    description: 'The quotas of the tenant\'s project VPC (the groups made through the Neutron face, or through /v1 in that VPC), the same as GET /v2.0/quotas/{project}. A member reads its own tenant\'s; an operator any.',
  })
  @ApiParam({ name: 'tenant', example: 'demo', description: 'The tenant (an OpenStack project)' })
  @ApiOkResponse({ type: QuotasResponse })
  @ApiProblems({ 400: 'validation-failed: not a tenant name', 404: 'not-found: another tenant (members)' })
  async get(@Ctx() ctx: RequestContext, @Param('tenant') tenant: string): Promise<QuotasResponse> {
    return presentQuotas(await this.queryBus.execute(new GetQuotasQuery(ctx.principal, parseTenantParam(tenant))));
  }
}
