import { Controller, Get, Inject, Logger, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { FieldIssue } from '@sg/domain';
import type { Response } from 'express';
import { ExportFeedQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { afterParam, throwIfIssues } from '../event-query-params';
import { presentCloudEvent } from '../cloud-event.presenter';
import { presentEvent } from '../event.presenter';
import { FEED_DESCRIPTION } from '../read-feed/read-feed.http.controller';

export const EXPORT_FORMATS = ['ndjson', 'cloudevents'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function formatParam(query: Record<string, unknown>, issues: FieldIssue[]): ExportFormat {
  const raw = query.format;
  if (raw === undefined) return 'ndjson';
  if (typeof raw === 'string' && (EXPORT_FORMATS as readonly string[]).includes(raw)) return raw as ExportFormat;
  issues.push({ path: 'format', message: `must be one of ${EXPORT_FORMATS.join(', ')}` });
  return 'ndjson';
}

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class ExportFeedHttpController {
  private readonly logger = new Logger('events-export');

  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get('export')
  @ApiOperation({
    summary: 'The event feed as NDJSON, for archiving; or as CloudEvents 1.0, for SIEMs',
    description:
      `${FEED_DESCRIPTION} One event per line, from \`after\` to the end of ` +
      'the feed as it stood when the export was requested (events of transactions begun later are left for the next export). ' +
      'To continue an archive, pass the position of its last line as `after`. An export cut short by a failure ends with a ' +
      'broken connection, never with a clean end, so a partial file is not mistaken for a whole one. ' +
      'With `format=ndjson` (the default) each line is the same object as in `GET /v1/events`. With `format=cloudevents` each ' +
      'line is a CloudEvents 1.0 event in the JSON event format: `specversion` "1.0", `id` (the position, as a string), ' +
      '`source` (`/tenants/<tenant>/<resource kind>`), `type`, `subject` (the resource id), `time`, `datacontenttype` ' +
      '"application/json", `data`, and the extension attributes `streamversion`, `actor`, `tenant`, `requestid` and ' +
      '`idempotencykey` (the last two only when the request had one). To continue a CloudEvents archive, pass the `id` of ' +
      'its last line as `after`.',
  })
  @ApiQuery({ name: 'after', required: false, example: '0', description: 'Position of the last event already archived; 0 (default) for the start' })
  @ApiQuery({ name: 'format', required: false, enum: EXPORT_FORMATS, description: 'ndjson (default): the feed\'s own objects; cloudevents: CloudEvents 1.0 JSON, one per line' })
  @ApiProduces('application/x-ndjson')
  @ApiResponse({
    status: 200,
    description: 'One event (the object GET /v1/events returns) per line',
    content: { 'application/x-ndjson': { schema: { type: 'string', example: '{"position":"41","streamId":"sg-0mh2k8q1a7c1d2e3f4a5b","version":3,"type":"security-group.rules.added",...}\n' } } },
  })
  @ApiProblems({ 400: 'validation-failed: an after that is no event\'s position, or an unknown format' })
  async export(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const issues: FieldIssue[] = [];
    const after = afterParam(query, issues);
    const format = formatParam(query, issues);
    throwIfIssues(issues);
    const present = format === 'cloudevents' ? presentCloudEvent : presentEvent;
    const { pages } = await this.queryBus.execute(new ExportFeedQuery(ctx.principal, after));
    res.status(200).set({ 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
    try {
      for await (const events of pages) {
        if (res.destroyed) break;
        // A slow reader holds the next page back instead of filling the server's memory with it.
        if (!res.write(events.map((e) => `${JSON.stringify(present(e))}\n`).join(''))) await drainedOrClosed(res);
      }
      res.end();
    } catch (error) {
      if (!res.headersSent) throw error;
      this.logger.warn(`export cut short: ${(error as Error).message}`);
      res.destroy();
    }
  }
}

function drainedOrClosed(res: Response): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
