import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetVpcQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { presentVpc, VpcResponse } from '../vpc.presenter';

@ApiTags('vpcs')
@ApiBearerAuth()
@Controller('v1/vpcs')
export class GetVpcHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a VPC' })
  @ApiOkResponse({ type: VpcResponse })
  @ApiProblems({ 404: 'not-found: no such VPC, or another tenant\'s' })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<VpcResponse> {
    return presentVpc(await this.queryBus.execute(new GetVpcQuery(ctx.principal, id)));
  }
}
