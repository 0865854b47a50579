import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { diffSecurityGroup, evolveSecurityGroup, initialSecurityGroupState } from '@sg/domain';
import { SecurityGroupEvents } from '../../../events/events';
import { EventStore } from '../../../ports/event-store.port';
import { assertCanReadGroupStream } from '../../group-stream';
import { GetGroupChangesQuery, GroupChange } from './get-group-changes.query';

/**
 * A group's changes, each event with the difference it made: the group's events are replayed
 * from the first through the domain's own `evolve` (as the history endpoint does), and each
 * state compared with the one before it. The window (`from` inclusive, `to` exclusive) is on
 * `recordedAt`, as in the audit search; the replay always starts at the group's creation.
 */
@QueryHandler(GetGroupChangesQuery)
export class GetGroupChangesHandler implements IQueryHandler<GetGroupChangesQuery> {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async execute({ caller, groupId, from, to }: GetGroupChangesQuery): Promise<GroupChange[]> {
    await assertCanReadGroupStream(this.store, caller, groupId);
    const changes: GroupChange[] = [];
    let state = initialSecurityGroupState();
    for (const stored of await this.store.readStream(groupId)) {
      const next = evolveSecurityGroup(state, SecurityGroupEvents.decode(stored));
      const t = stored.recordedAt.getTime();
      if ((from === undefined || t >= from.getTime()) && (to === undefined || t < to.getTime())) {
        changes.push({ event: stored, diff: diffSecurityGroup(state, next) });
      }
      state = next;
    }
    return changes;
  }
}
