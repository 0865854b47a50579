import { Query } from '@nestjs/cqrs';
import type { SecurityGroupDiff } from '@sg/domain';
import type { StoredEvent } from '../../../ports/event-store.port';
import type { Caller } from '../../../write-path/actor';

/** One event of a group, and what it changed. */
export interface GroupChange {
  event: StoredEvent;
  diff: SecurityGroupDiff;
}

export class GetGroupChangesQuery extends Query<GroupChange[]> {
  constructor(
    readonly caller: Caller,
    readonly groupId: string,
    /** Recorded at or after (inclusive). */
    readonly from?: Date,
    /** Recorded before (exclusive). */
    readonly to?: Date,
  ) {
    super();
  }
}
