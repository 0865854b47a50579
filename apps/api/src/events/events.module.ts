import { Module } from '@nestjs/common';
import { ExportFeedHandler } from './queries/export-feed/export-feed.handler';
import { ExportFeedHttpController } from './queries/export-feed/export-feed.http.controller';
import { GetGroupEventsHandler } from './queries/get-group-events/get-group-events.handler';
import { GetGroupEventsHttpController } from './queries/get-group-events/get-group-events.http.controller';
import { GetGroupHistoryHandler } from './queries/get-group-history/get-group-history.handler';
import { GetGroupHistoryHttpController } from './queries/get-group-history/get-group-history.http.controller';
import { ReadFeedHandler } from './queries/read-feed/read-feed.handler';
import { ReadFeedHttpController } from './queries/read-feed/read-feed.http.controller';

/** The audit side (API.md "Event history (audit)"): the events themselves, and past states replayed from them. */
const QueryHandlers = [GetGroupEventsHandler, GetGroupHistoryHandler, ReadFeedHandler, ExportFeedHandler];
const HttpControllers = [GetGroupEventsHttpController, GetGroupHistoryHttpController, ExportFeedHttpController, ReadFeedHttpController];

@Module({ controllers: HttpControllers, providers: [...QueryHandlers] })
export class EventsModule {}
