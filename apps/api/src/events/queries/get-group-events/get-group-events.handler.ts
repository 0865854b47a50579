import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EventStore } from '@sg/application';
import { MAX_VERSION } from '../../event-query-params';
import { assertCanReadGroupStream } from '../../group-stream';
import { GetGroupEventsQuery, GroupEventsPage } from './get-group-events.query';

/** Straight from the event store: the audit trail is the events themselves, not a projection of them. */
@QueryHandler(GetGroupEventsQuery)
export class GetGroupEventsHandler implements IQueryHandler<GetGroupEventsQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ principal, groupId, fromVersion, limit }: GetGroupEventsQuery): Promise<GroupEventsPage> {
    await assertCanReadGroupStream(this.store, principal, groupId);
    // Versions are dense, so one more than the page tells whether another page follows.
    const toVersion = Math.min(fromVersion + limit, MAX_VERSION);
    const events = await this.store.readStream(groupId, { fromVersion, toVersion });
    const more = events.length > limit;
    return { events: events.slice(0, limit), nextFromVersion: more ? fromVersion + limit : null };
  }
}
