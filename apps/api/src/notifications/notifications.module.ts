import { Module } from '@nestjs/common';
import { NotificationHub } from './notification-hub';
import { ListNotificationsHandler } from './queries/list-notifications/list-notifications.handler';
import { ListNotificationsHttpController } from './queries/list-notifications/list-notifications.http.controller';
import { StreamNotificationsHttpController } from './queries/stream-notifications/stream-notifications.http.controller';

const QueryHandlers = [ListNotificationsHandler];
const HttpControllers = [ListNotificationsHttpController, StreamNotificationsHttpController];

@Module({ controllers: HttpControllers, providers: [NotificationHub, ...QueryHandlers] })
export class NotificationsModule {}
