import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, evolveOperation, evolveSecurityGroup, initialOperationState, initialSecurityGroupState } from '@sg/domain';
import type { EventFamily } from '../../../events/event-registry';
import { OperationEvents, SecurityGroupEvents } from '../../../events/events';
import { EventStore, type StoredEvent } from '../../../ports/event-store.port';
import { OperationReadModel } from '../../../ports/read-models/operations.read-model';
import { groupRecordAt } from '../../../security-groups/group-record';
import { assertCanReadGroupStream } from '../../group-stream';
import { GetGroupHistoryQuery, GroupAsOf } from './get-group-history.query';

/**
 * Replays the group's events up to a point through the domain's own `evolve`, the function every
 * command decides on, so history shows what the system believed then, not a second reading of it.
 *
 * `at` is read on the clock the group itself shows (the `at` of each event, which becomes
 * `createdAt`/`updatedAt`), not the database's `recordedAt`: the group whose `updatedAt` is T is
 * the group `at=T` returns. The events are taken in version order up to the first one after T,
 * so the result is always a state the group really had.
 */
@QueryHandler(GetGroupHistoryQuery)
export class GetGroupHistoryHandler implements IQueryHandler<GetGroupHistoryQuery> {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
  ) {}

  async execute({ caller, groupId, point }: GetGroupHistoryQuery): Promise<GroupAsOf> {
    await assertCanReadGroupStream(this.store, caller, groupId);
    let events;
    if ('version' in point) {
      events = decoded(await this.store.readStream(groupId, { toVersion: point.version }), SecurityGroupEvents);
      const reached = events[events.length - 1]?.stored.version ?? 0;
      if (reached < point.version) throw new DomainError('not-found', `security group ${groupId} has no version ${point.version}; its latest is ${reached}`);
    } else {
      events = takeWhile(decoded(await this.store.readStream(groupId), SecurityGroupEvents), (e) => timeOf(e.event) <= point.at.getTime());
      if (events.length === 0) throw new DomainError('not-found', `security group ${groupId} did not exist yet at ${point.at.toISOString()}`);
    }
    const last = events[events.length - 1];
    const state = events.reduce((s, e) => evolveSecurityGroup(s, e.event), initialSecurityGroupState());
    if (state.status !== 'active') {
      throw new DomainError('not-found', `security group ${groupId} had been deleted by version ${last.stored.version} (${new Date(state.status === 'deleted' ? state.group.updatedAt : last.stored.recordedAt).toISOString()})`);
    }
    const instant = 'version' in point ? new Date(timeOf(last.event)) : point.at;
    return {
      group: groupRecordAt(state.group, last.stored.version),
      latestOperation: await this.operationStatusAsOf(groupId, instant),
    };
  }

  /** The group's `propagation` then: its newest operation, replayed to the same instant. */
  private async operationStatusAsOf(groupId: string, instant: Date) {
    if (Number.isNaN(instant.getTime())) return undefined;
    const operationId = await this.operations.latestIdAsOf(groupId, instant);
    if (!operationId) return undefined;
    const events = takeWhile(decoded(await this.store.readStream(operationId), OperationEvents), (e) => timeOf(e.event) <= instant.getTime());
    const state = events.reduce((s, e) => evolveOperation(s, e.event), initialOperationState());
    return state.status === 'present' ? state.operation.status : undefined;
  }
}

function decoded<E extends { type: string; data: { at: string } }>(events: readonly StoredEvent[], family: EventFamily<E>): { stored: StoredEvent; event: E }[] {
  return events.map((stored) => ({ stored, event: family.decode(stored) }));
}

/** The instant an event describes (its `at`), in ms. */
function timeOf(event: { data: { at: string } }): number {
  return Date.parse(event.data.at);
}

function takeWhile<T>(xs: readonly T[], keep: (x: T) => boolean): T[] {
  const end = xs.findIndex((x) => !keep(x));
  return end === -1 ? [...xs] : xs.slice(0, end);
}
