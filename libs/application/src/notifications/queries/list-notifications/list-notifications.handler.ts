import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { NotificationLog, type NotificationRecord } from '../../../ports/read-models/notifications.read-model';
import { tenantScope } from '../../../write-path/actor';
import { ListNotificationsQuery } from './list-notifications.query';

/** The caller's tenant's notifications of the kinds asked for, in order; an operator's cover every tenant. */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(@Inject(NotificationLog) private readonly notifications: NotificationLog) {}

  execute({ caller, after, limit, kinds }: ListNotificationsQuery): Promise<NotificationRecord[]> {
    return this.notifications.list(tenantScope(caller), after, limit, kinds);
  }
}
