import { Module } from '@nestjs/common';
import { ExportFeedHttpController } from './export-feed/export-feed.http.controller';
import { GetGroupChangesHttpController } from './get-group-changes/get-group-changes.http.controller';
import { GetGroupEventsHttpController } from './get-group-events/get-group-events.http.controller';
import { GetGroupHistoryHttpController } from './get-group-history/get-group-history.http.controller';
import { ReadFeedHttpController } from './read-feed/read-feed.http.controller';

/** The audit side: the events themselves, and past states replayed from them. */
@Module({ controllers: [GetGroupEventsHttpController, GetGroupHistoryHttpController, GetGroupChangesHttpController, ExportFeedHttpController, ReadFeedHttpController] })
export class EventsModule {}
