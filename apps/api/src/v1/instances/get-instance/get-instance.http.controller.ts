import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetInstanceQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { InstanceResponse, presentInstance } from '../instance.presenter';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class GetInstanceHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get an instance with every group that applies to it' })
  @ApiOkResponse({ type: InstanceResponse })
  @ApiProblems({ 404: 'not-found: no such instance, or another tenant\'s' })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<InstanceResponse> {
    return presentInstance(await this.queryBus.execute(new GetInstanceQuery(ctx.principal, id)));
  }
}
