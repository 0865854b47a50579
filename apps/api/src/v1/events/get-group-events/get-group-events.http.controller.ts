import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { FieldIssue } from '@sg/domain';
import type { Request, Response } from 'express';
import { GetGroupEventsQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { MAX_PAGE, MAX_VERSION, throwIfIssues, wholeNumberParam } from '../event-query-params';
import { EventResponse, presentEvent } from '../event.presenter';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class GetGroupEventsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id/events')
  @ApiOperation({
    summary: 'The events of one security group, oldest first (its audit trail)',
    description:
      'Every change ever made to the group, with who made it (`metadata.actor`), for which tenant, and under which request ' +
      '(`X-Request-Id`, `Idempotency-Key`). A deleted group\'s events stay readable. Another tenant\'s group is 404. ' +
      'At most `limit` events per page; a `Link: <...>; rel="next"` header names the next page when there is one.',
  })
  @ApiQuery({ name: 'fromVersion', required: false, example: 1, description: 'First version to return (inclusive; 0 and 1 both mean the first event). Past the end: an empty list.' })
  @ApiQuery({ name: 'limit', required: false, example: 1000, description: '1–1000, default 1000' })
  @ApiOkResponse({ type: [EventResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad fromVersion or limit', 404: 'not-found: no such group, or another tenant\'s' })
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const issues: FieldIssue[] = [];
    const fromVersion = Math.max(1, wholeNumberParam(query, 'fromVersion', 0, MAX_VERSION, issues) ?? 1);
    const limit = wholeNumberParam(query, 'limit', 1, MAX_PAGE, issues) ?? MAX_PAGE;
    throwIfIssues(issues);
    const page = await this.queryBus.execute(new GetGroupEventsQuery(ctx.principal, id, fromVersion, limit));
    if (page.nextFromVersion !== null) {
      const url = new URL(req.originalUrl, 'http://placeholder');
      url.searchParams.set('fromVersion', String(page.nextFromVersion));
      res.set('Link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    res.status(200).json(page.events.map(presentEvent));
  }
}
