import { Module } from '@nestjs/common';
import { IssueStreamTicketHandler } from './commands/issue-stream-ticket/issue-stream-ticket.handler';
import { IssueStreamTicketHttpController } from './commands/issue-stream-ticket/issue-stream-ticket.http.controller';
import { ListNotificationsHandler } from './queries/list-notifications/list-notifications.handler';
import { ListNotificationsHttpController } from './queries/list-notifications/list-notifications.http.controller';
import { StreamNotificationsHttpController } from './queries/stream-notifications/stream-notifications.http.controller';

const QueryHandlers = [ListNotificationsHandler];
const CommandHandlers = [IssueStreamTicketHandler];
const HttpControllers = [ListNotificationsHttpController, StreamNotificationsHttpController, IssueStreamTicketHttpController];

@Module({ controllers: HttpControllers, providers: [...QueryHandlers, ...CommandHandlers] })
export class NotificationsModule {}
