import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '../../../ports/event-store.port';
import type { Caller } from '../../../write-path/actor';

export interface GroupEventsPage {
  events: StoredEvent[];
  /** The `fromVersion` of the next page, or null when this page reached the stream's end. */
  nextFromVersion: number | null;
}

export class GetGroupEventsQuery extends Query<GroupEventsPage> {
  constructor(
    readonly caller: Caller,
    readonly groupId: string,
    readonly fromVersion: number,
    readonly limit: number,
  ) {
    super();
  }
}
