import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { listNotifications } from '@sg/infra';
import { NotificationRecord } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { ListNotificationsQuery } from './list-notifications.query';

/** The caller's tenant's notifications in order; an operator's cover every tenant. */
@QueryHandler(ListNotificationsQuery)
export class ListNotificationsHandler implements IQueryHandler<ListNotificationsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  execute({ principal, after, limit }: ListNotificationsQuery): Promise<NotificationRecord[]> {
    return listNotifications(this.db.manager, tenantScope(principal), after, limit);
  }
}
