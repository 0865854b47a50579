import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AcceptsStreamTicket } from '../../../platform/auth/roles.decorator';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Request, Response } from 'express';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { parseNotificationId, parseNotificationKinds } from '../notification-cursor';
import { LatestNotificationQuery, ListNotificationsQuery, NotificationLog } from '@sg/application';
import { sseFrame } from '../notification.presenter';
import type { AppConfig } from '@sg/infra';
import { APP_CONFIG } from '../../../platform/config.module';
import { Problem } from '../../../platform/http/problem';

const KEEP_ALIVE_MS = 15_000;
const POLL_MS = 2_000;
const BATCH = 200;

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class StreamNotificationsHttpController {
  /** Streams open per key (principal.actor names the key by its fingerprint; a ticket names its key's). */
  private readonly open = new Map<string, number>();
  private readonly streamsPerKey: number;

  constructor(
    @Inject(QueryBus) private readonly queryBus: QueryBus,
    @Inject(NotificationLog) private readonly notifications: NotificationLog,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.streamsPerKey = config.fairness.streamsPerKey;
  }

  @Get('stream')
  @ApiOperation({
    summary: 'Server-Sent Events: one `event: operation` per status change of the caller\'s operations (and, with `kinds`, one `event: finding.opened` per finding that opens)',
    description: '`id:` grows monotonically; reconnect with `Last-Event-ID` (or `?after=`) to get exactly what was missed. Without either, the stream starts with the next change. A comment line every 15 s keeps proxies from closing it.',
  })
  @AcceptsStreamTicket()
  @ApiHeader({ name: 'Last-Event-ID', required: false })
  @ApiQuery({ name: 'ticket', required: false, description: 'From POST /v1/notifications/tickets, in place of the Authorization header (for EventSource)' })
  @ApiQuery({ name: 'after', required: false, description: 'Resume after this notification id (as Last-Event-ID)' })
  @ApiQuery({ name: 'kinds', required: false, type: String, example: 'operation,finding.opened', description: 'Which notifications, a comma list of `operation` and `finding.opened`. Absent: `operation` only' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({
    description: 'An endless stream of `event: operation` frames (`data`: the operation as GET /v1/operations/{id} shows it) and, with `kinds`, `event: finding.opened` frames (`data`: the finding as GET /v1/findings shows it)',
    content: { 'text/event-stream': { schema: { type: 'string', example: 'id: 12\nevent: operation\ndata: {"id":"op-0mh2k8q1a7c1d2e3f4a5b","status":"succeeded",...}\n\n' } } },
  })
  @ApiProblems({
    400: 'validation-failed: a bad Last-Event-ID, after or kinds',
    401: 'unauthorized: no key, or a ticket that is forged or expired',
    429: 'too-many-requests: this key holds STREAMS_PER_KEY streams open already, or is over its request rate',
  })
  async stream(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const resumeFrom = parseNotificationId(req.header('last-event-id'), 'Last-Event-ID') ?? parseNotificationId(query.after, 'after');
    const kinds = parseNotificationKinds(query.kinds);
    const key = ctx.principal.actor;
    const held = this.open.get(key) ?? 0;
    if (held >= this.streamsPerKey) {
      res.set('retry-after', '15');
      throw new Problem('too-many-requests', `This key holds ${held} notification streams open already (at most ${this.streamsPerKey}); close one first.`);
    }
    this.open.set(key, held + 1);
    let counted = true;
    const release = () => {
      if (!counted) return;
      counted = false;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
    res.once('close', release);
    let after: string;
    try {
      after = resumeFrom ?? (await this.queryBus.execute(new LatestNotificationQuery(ctx.principal)));
    } catch (error) {
      release();
      throw error;
    }
    res.status(200).set({ 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
    res.flushHeaders();
    res.write(': connected\n\n');

    let closed = false;
    let pending = true;
    let draining: Promise<void> | null = null;
    const drain = async () => {
      while (pending && !closed) {
        pending = false;
        for (;;) {
          const rows = await this.queryBus.execute(new ListNotificationsQuery(ctx.principal, after, BATCH, kinds));
          if (closed) return;
          for (const n of rows) res.write(sseFrame(n));
          if (rows.length > 0) after = rows[rows.length - 1].id;
          if (rows.length < BATCH) break;
        }
      }
    };
    const wake = () => {
      pending = true;
      draining ??= drain()
        .catch(() => {
          // Postgres away: the next poll tries again; the client keeps its place by id.
          pending = true;
        })
        .finally(() => (draining = null));
    };
    const unsubscribe = this.notifications.subscribe(wake);
    const poll = setInterval(wake, POLL_MS);
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    req.on('close', () => {
      closed = true;
      unsubscribe();
      clearInterval(poll);
      clearInterval(keepAlive);
    });
    wake();
  }
}

