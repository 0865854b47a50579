import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { GetGroupHistoryQuery } from '@sg/application';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { presentGroup, SecurityGroupResponse } from '../../security-groups/security-group.presenter';
import { parseHistoryPoint } from './history-params';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class GetGroupHistoryHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id/history')
  @ApiOperation({
    summary: 'A security group as it was, rebuilt by replaying its events',
    description:
      'Give exactly one of `version` (the group right after its event number `version`) or `at` (the group as it stood at ' +
      'that instant); anything else is 400. The body has the shape of `GET /v1/security-groups/{id}`; `propagation` is the ' +
      'state of the group\'s newest operation at that point. 404 when the group has no such version yet, did not exist yet at ' +
      '`at`, had been deleted by then, or belongs to another tenant. A deleted group\'s earlier states stay readable.',
  })
  @ApiQuery({ name: 'version', required: false, example: 3 })
  @ApiQuery({ name: 'at', required: false, example: '2026-11-27T10:00:00Z', description: 'RFC 3339, compared with the times the group shows as createdAt/updatedAt' })
  @ApiOkResponse({ type: SecurityGroupResponse })
  @ApiProblems({
    400: 'validation-failed: not exactly one of version and at, or a bad value',
    404: 'not-found: no such group (or another tenant\'s), no such version yet, not yet created or already deleted at that time',
  })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<SecurityGroupResponse> {
    const { group, latestOperation } = await this.queryBus.execute(new GetGroupHistoryQuery(ctx.principal, id, parseHistoryPoint(query)));
    return presentGroup(group, latestOperation);
  }
}
