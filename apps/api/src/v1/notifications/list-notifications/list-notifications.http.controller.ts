import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { ListNotificationsQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { pageOf } from '../../../platform/http/send';
import { parseNotificationId, parseNotificationKinds } from '../notification-cursor';
import { NotificationResponse, presentNotification } from '../notification.presenter';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('v1/notifications')
export class ListNotificationsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'Operation status changes (and, when asked for with `kinds`, findings that opened), after a notification id, oldest first, for clients that poll' })
  @ApiQuery({ name: 'after', required: false, description: 'The last notification id seen (0 or absent: from the first)' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'kinds', required: false, type: String, example: 'operation,finding.opened', description: 'Which notifications, a comma list of `operation` and `finding.opened`. Absent: `operation` only, so that every item has its `operation`' })
  @ApiOkResponse({ type: [NotificationResponse], headers: { 'Next-After': { description: 'The id of the last notification returned', schema: { type: 'string' } } } })
  @ApiProblems({ 400: 'validation-failed: a bad after, limit or kinds' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Res() res: Response): Promise<void> {
    const after = parseNotificationId(query.after, 'after') ?? '0';
    const { limit } = pageOf({ limit: query.limit });
    const kinds = parseNotificationKinds(query.kinds);
    const rows = await this.queryBus.execute(new ListNotificationsQuery(ctx.principal, after, limit, kinds));
    if (rows.length > 0) res.set('Next-After', rows[rows.length - 1].id);
    res.status(200).json(rows.map(presentNotification));
  }
}
