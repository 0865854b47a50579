import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SearchAuditEventsQuery } from '@sg/application';
import type { Request, Response } from 'express';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { EventResponse, presentEvent } from '../../events/event.presenter';
import { parseAuditEventsQuery } from './audit-event-params';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class SearchAuditEventsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get('events')
  @ApiOperation({
    summary: 'Who changed what: the events, filtered by actor, type, resource and time',
    description:
      'The events that match every filter given, in commit order, each the same object as in `GET /v1/events`. A member ' +
      'searches its own tenant\'s events; an operator every tenant\'s. Paged as the feed is: follow `after=<position of ' +
      'the last event read>` (the `Next-After` header) and a reader never misses a matching event nor sees one twice; ' +
      '`Link: <...>; rel="next"` is set when the page was full. `from` is inclusive and `to` exclusive, both compared ' +
      'with the time the database stored the event (`recordedAt`). Bad values are a 400 naming each bad parameter.',
  })
  @ApiQuery({ name: 'actor', required: false, schema: { type: 'string', minLength: 1, maxLength: 256 }, example: 'demo/member#3f9a1c2e', description: 'The actor exactly as events show it (`metadata.actor`)' })
  @ApiQuery({
    name: 'type',
    required: false,
    schema: { type: 'string', maxLength: 128, pattern: '^[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*(\\.\\*)?$' },
    example: 'security-group.rules.added',
    description: 'An event type, or a family of them ending in `.*` (`security-group.*`)',
  })
  @ApiQuery({ name: 'resourceId', required: false, schema: { type: 'string', maxLength: 128 }, example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'The resource the events belong to (their `streamId`)' })
  @ApiQuery({ name: 'from', required: false, schema: { type: 'string', format: 'date-time' }, example: '2026-11-27T00:00:00Z', description: 'Recorded at or after this time (RFC 3339)' })
  @ApiQuery({ name: 'to', required: false, schema: { type: 'string', format: 'date-time' }, example: '2026-11-28T00:00:00Z', description: 'Recorded before this time (RFC 3339); not before `from`' })
  @ApiQuery({ name: 'after', required: false, example: '0', description: 'Position of the last event already read; 0 (default) for the start' })
  @ApiQuery({ name: 'limit', required: false, example: 100, description: '1–1000, default 100' })
  @ApiOkResponse({ type: [EventResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad filter, limit, or an after that is no event\'s position' })
  async search(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { filter, after, limit } = parseAuditEventsQuery(query);
    const { events } = await this.queryBus.execute(new SearchAuditEventsQuery(ctx.principal, filter, after, limit));
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
