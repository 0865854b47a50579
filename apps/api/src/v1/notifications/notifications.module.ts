import { Module } from '@nestjs/common';
import { IssueStreamTicketHttpController } from './issue-stream-ticket/issue-stream-ticket.http.controller';
import { ListNotificationsHttpController } from './list-notifications/list-notifications.http.controller';
import { StreamNotificationsHttpController } from './stream-notifications/stream-notifications.http.controller';

@Module({ controllers: [ListNotificationsHttpController, StreamNotificationsHttpController, IssueStreamTicketHttpController] })
export class NotificationsModule {}
