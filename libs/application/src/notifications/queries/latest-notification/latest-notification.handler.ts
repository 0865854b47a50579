import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotificationLog } from '../../../ports/read-models/notifications.read-model';
import { tenantScope } from '../../../write-path/actor';
import { LatestNotificationQuery } from './latest-notification.query';

@QueryHandler(LatestNotificationQuery)
export class LatestNotificationHandler implements IQueryHandler<LatestNotificationQuery> {
  constructor(@Inject(NotificationLog) private readonly notifications: NotificationLog) {}

  execute({ caller }: LatestNotificationQuery): Promise<string> {
    return this.notifications.latestId(tenantScope(caller));
  }
}
