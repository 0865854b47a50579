import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore, MAX_STREAM_VERSION } from '../../../ports/event-store.port';
import { assertCanReadGroupStream } from '../../group-stream';
import { GetGroupEventsQuery, GroupEventsPage } from './get-group-events.query';

/** Straight from the event store: the audit trail is the events themselves, not a projection of them. */
@QueryHandler(GetGroupEventsQuery)
export class GetGroupEventsHandler implements IQueryHandler<GetGroupEventsQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ caller, groupId, fromVersion, limit }: GetGroupEventsQuery): Promise<GroupEventsPage> {
    await assertCanReadGroupStream(this.store, caller, groupId);
    // Versions are dense, so one more than the page tells whether another page follows.
    const toVersion = Math.min(fromVersion + limit, MAX_STREAM_VERSION);
    const events = await this.store.readStream(groupId, { fromVersion, toVersion });
    const more = events.length > limit;
    return { events: events.slice(0, limit), nextFromVersion: more ? fromVersion + limit : null };
  }
}
