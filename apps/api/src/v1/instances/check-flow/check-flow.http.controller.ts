import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CheckFlowQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { FlowCheckResponse, presentFlowVerdict } from '../instance.presenter';
import { readFlow } from './flow.input';
import { CheckFlowRequest } from './check-flow.request.dto';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class CheckFlowHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Post(':id/flow-check')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Would this new connection be allowed? Checked against the instance\'s effective rules; writes nothing',
    description: 'Default deny: allowed only when at least one rule matches; `matchedRules` lists every rule that does, with its group.',
  })
  @ApiOkResponse({ type: FlowCheckResponse })
  @ApiProblems({
    400: 'validation-failed: every bad field of the flow in errors[]',
    404: 'not-found: no such instance, or another tenant\'s',
    413: 'payload-too-large: the body is over 1 MiB',
  })
  async check(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: CheckFlowRequest): Promise<FlowCheckResponse> {
    return presentFlowVerdict(await this.queryBus.execute(new CheckFlowQuery(ctx.principal, id, readFlow(body))));
  }
}
