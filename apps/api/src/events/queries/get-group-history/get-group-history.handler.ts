import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, evolveOperation, evolveSecurityGroup, initialOperationState, initialSecurityGroupState } from '@sg/domain';
import { latestOperationIdAsOf } from '@sg/infra';
import { EventStore, OperationEvents, SecurityGroupEvents, StoredEvent } from '@sg/application';
import { DataSource } from 'typeorm';
import { groupRecordAt } from '../../../security-groups/security-group.presenter';
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
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  async execute({ principal, groupId, point }: GetGroupHistoryQuery): Promise<GroupAsOf> {
    await assertCanReadGroupStream(this.store, principal, groupId);
    let events: StoredEvent[];
    if ('version' in point) {
      events = await this.store.readStream(groupId, { toVersion: point.version });
      const reached = events[events.length - 1]?.version ?? 0;
      if (reached < point.version) throw new DomainError('not-found', `security group ${groupId} has no version ${point.version}; its latest is ${reached}`);
    } else {
      events = takeWhile(await this.store.readStream(groupId), (e) => timeOf(e) <= point.at.getTime());
      if (events.length === 0) throw new DomainError('not-found', `security group ${groupId} did not exist yet at ${point.at.toISOString()}`);
    }
    const last = events[events.length - 1];
    const state = events.reduce((s, e) => evolveSecurityGroup(s, SecurityGroupEvents.decode(e)), initialSecurityGroupState());
    if (state.status !== 'active') {
      throw new DomainError('not-found', `security group ${groupId} had been deleted by version ${last.version} (${new Date(state.status === 'deleted' ? state.group.updatedAt : last.recordedAt).toISOString()})`);
    }
    const instant = 'version' in point ? new Date(timeOf(last)) : point.at;
    return {
      group: groupRecordAt(state.group, last.version),
      latestOperation: await this.operationStatusAsOf(groupId, instant),
    };
  }

  /** The group's `propagation` then: its newest operation, replayed to the same instant. */
  private async operationStatusAsOf(groupId: string, instant: Date) {
    if (Number.isNaN(instant.getTime())) return undefined;
    const operationId = await latestOperationIdAsOf(this.db.manager, groupId, instant);
    if (!operationId) return undefined;
    const events = takeWhile(await this.store.readStream(operationId), (e) => timeOf(e) <= instant.getTime());
    const state = events.reduce((s, e) => evolveOperation(s, OperationEvents.decode(e)), initialOperationState());
    return state.status === 'present' ? state.operation.status : undefined;
  }
}

/** The instant an event describes (its `at`), in ms; NaN for an event that has none. */
function timeOf(e: StoredEvent): number {
  return Date.parse(String((e.data as { at?: unknown }).at));
}

function takeWhile<T>(xs: readonly T[], keep: (x: T) => boolean): T[] {
  const end = xs.findIndex((x) => !keep(x));
  return end === -1 ? [...xs] : xs.slice(0, end);
}
