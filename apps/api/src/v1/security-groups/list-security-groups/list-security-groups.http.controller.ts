import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Request, Response } from 'express';
import { type GroupAsOf, ListGroupsAtQuery, ListSecurityGroupsQuery } from '@sg/application';
import { Problem } from '../../../platform/http/problem';
import { parseRfc3339 } from '../../events/get-group-history/history-params';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { sendPage } from '../../../platform/http/send';
import { presentGroup, SecurityGroupResponse } from '../security-group.presenter';
import { listRequestOf } from './list-filter';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class ListSecurityGroupsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List security groups (paginated, by id), optionally of one VPC or with one tag; or every group as it was at a time',
    description:
      'With `at` (RFC 3339): every group of the tenant (an operator: of every tenant) as it stood at that instant, each replayed from its ' +
      'events exactly as `GET /v1/security-groups/{id}/history?at=` replays it (groups not yet created or already deleted then are left ' +
      'out), by id, in one unpaged answer; `vpcId` still filters, `tag`, `limit` and `cursor` do not apply.',
  })
  @ApiQuery({ name: 'at', required: false, schema: { type: 'string', format: 'date-time' }, example: '2026-11-27T10:00:00Z', description: 'Every group as it was at this time (a replay)' })
  @ApiQuery({ name: 'vpcId', required: false, example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' })
  @ApiQuery({ name: 'tag', required: false, example: 'team=ml', description: '`key=value` for that value, or a bare `key` for any value' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [SecurityGroupResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad vpcId, tag, limit or cursor' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    if (query.at !== undefined) {
      const { filter } = listRequestOf({ vpcId: query.vpcId });
      const at = typeof query.at === 'string' && query.at.length <= 64 ? parseRfc3339(query.at.replace(/ (\d{2}:\d{2})$/, '+$1')) : null;
      if (!at) throw new Problem('validation-failed', 'Bad query parameters.', [{ path: 'at', message: 'must be an RFC 3339 timestamp, like 2026-11-27T10:00:00Z' }]);
      const asOf: GroupAsOf[] = await this.queryBus.execute(new ListGroupsAtQuery(ctx.principal, at, filter.vpcId));
      res.status(200).json(asOf.map(({ group, latestOperation }) => presentGroup(group, latestOperation)));
      return;
    }
    const { filter, page } = listRequestOf(query);
    const groups = await this.queryBus.execute(new ListSecurityGroupsQuery(ctx.principal, filter, page));
    sendPage(req, res, groups, ({ group, latestOperation }) => presentGroup(group, latestOperation));
  }
}
