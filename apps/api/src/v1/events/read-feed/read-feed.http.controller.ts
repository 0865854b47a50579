import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { FieldIssue } from '@sg/domain';
import type { Request, Response } from 'express';
import { ReadFeedQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { afterParam, MAX_PAGE, throwIfIssues, wholeNumberParam } from '../event-query-params';
import { EventResponse, presentEvent } from '../event.presenter';

export const FEED_DESCRIPTION =
  'Every event in commit order. An operator reads every tenant\'s events (the global feed); a member reads the same feed ' +
  'limited to its own tenant\'s events. Follow it with `after=<position of the last event read>`: a reader that does so ' +
  'never misses an event and never sees one twice, even when transactions commit out of position order (an event is ' +
  'held back while an earlier transaction is still running, so the feed may lag a moment, never skip). `after` that ' +
  'names no event is 400.';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class ReadFeedHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'The event feed in commit order',
    description:
      `${FEED_DESCRIPTION} The body is a JSON array; the \`Next-After\` header carries the \`after\` of the next request (the ` +
      'position of the last event returned, or the given `after` when there was none), and `Link: <...>; rel="next"` is set ' +
      'when the page was full.',
  })
  @ApiQuery({ name: 'after', required: false, example: '0', description: 'Position of the last event already read; 0 (default) for the start' })
  @ApiQuery({ name: 'limit', required: false, example: 100, description: '1–1000, default 100' })
  @ApiOkResponse({ type: [EventResponse], headers: { 'Next-After': { description: 'The `after` to send next', schema: { type: 'string' } } } })
  @ApiProblems({ 400: 'validation-failed: a bad limit, or an after that is no event\'s position' })
  async read(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const issues: FieldIssue[] = [];
    const after = afterParam(query, issues);
    const limit = wholeNumberParam(query, 'limit', 1, MAX_PAGE, issues) ?? 100;
    throwIfIssues(issues);
    const { events } = await this.queryBus.execute(new ReadFeedQuery(ctx.principal, after, limit));
    const nextAfter = events.length > 0 ? events[events.length - 1].position : String(BigInt(after));
    res.set('Next-After', nextAfter);
    if (events.length === limit) {
      const url = new URL(req.originalUrl, 'http://placeholder');
      url.searchParams.set('after', nextAfter);
      res.set('Link', `<${url.pathname}${url.search}>; rel="next"`);
    }
    res.status(200).json(events.map(presentEvent));
  }
}
