import { Controller, Get, Inject, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetOperationQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { OperationResponse, presentOperation } from '../operation.presenter';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/operations')
export class GetOperationHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({
    summary: 'An operation: one accepted change on its way to the hypervisors',
    description: 'Poll it (or follow /v1/notifications/stream) until `status` is succeeded or failed. Another tenant\'s operation is 404.',
  })
  @ApiOkResponse({ type: OperationResponse })
  @ApiProblems({ 404: 'not-found: no such operation, or another tenant\'s' })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string): Promise<OperationResponse> {
    return presentOperation(await this.queryBus.execute(new GetOperationQuery(ctx.principal, id)));
  }
}
