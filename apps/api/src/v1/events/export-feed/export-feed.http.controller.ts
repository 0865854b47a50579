import { Controller, Get, Inject, Logger, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { FieldIssue } from '@sg/domain';
import type { Response } from 'express';
import { ExportFeedQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { afterParam, throwIfIssues } from '../event-query-params';
import { presentEvent } from '../event.presenter';
import { FEED_DESCRIPTION } from '../read-feed/read-feed.http.controller';

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/events')
export class ExportFeedHttpController {
  private readonly logger = new Logger('events-export');

  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get('export')
  @ApiOperation({
    summary: 'The event feed as NDJSON, for archiving',
    description:
      `${FEED_DESCRIPTION} One event per line, each the same object as in \`GET /v1/events\`, from \`after\` to the end of ` +
      'the feed as it stood when the export was requested (events of transactions begun later are left for the next export). ' +
      'To continue an archive, pass the position of its last line as `after`. An export cut short by a failure ends with a ' +
      'broken connection, never with a clean end, so a partial file is not mistaken for a whole one.',
  })
  @ApiQuery({ name: 'after', required: false, example: '0', description: 'Position of the last event already archived; 0 (default) for the start' })
  @ApiProduces('application/x-ndjson')
  @ApiResponse({
    status: 200,
    description: 'One event (the object GET /v1/events returns) per line',
    content: { 'application/x-ndjson': { schema: { type: 'string', example: '{"position":"41","streamId":"sg-0mh2k8q1a7c1d2e3f4a5b","version":3,"type":"security-group.rules.added",...}\n' } } },
  })
  @ApiProblems({ 400: 'validation-failed: an after that is no event\'s position' })
  async export(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const issues: FieldIssue[] = [];
    const after = afterParam(query, issues);
    throwIfIssues(issues);
    const { pages } = await this.queryBus.execute(new ExportFeedQuery(ctx.principal, after));
    res.status(200).set({ 'Content-Type': 'application/x-ndjson', 'Cache-Control': 'no-store' });
    try {
      for await (const events of pages) {
        if (res.destroyed) break;
        // A slow reader holds the next page back instead of filling the server's memory with it.
        if (!res.write(events.map((e) => `${JSON.stringify(presentEvent(e))}\n`).join(''))) await drainedOrClosed(res);
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
