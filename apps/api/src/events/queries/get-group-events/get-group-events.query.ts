import { Query } from '@nestjs/cqrs';
import type { StoredEvent } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export interface GroupEventsPage {
  events: StoredEvent[];
  /** The `fromVersion` of the next page, or null when this page reached the stream's end. */
  nextFromVersion: number | null;
}

export class GetGroupEventsQuery extends Query<GroupEventsPage> {
  constructor(
    readonly principal: Principal,
    readonly groupId: string,
    readonly fromVersion: number,
    readonly limit: number,
  ) {
    super();
  }
}
