import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryBus, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { AuditLog } from '../../../ports/audit-log.port';
import { tenantScope } from '../../../write-path/actor';
import { StreamTypes } from '../../../aggregates/streams';
import { GetGroupHistoryQuery, type GroupAsOf } from '../get-group-history/get-group-history.query';
import { ListGroupsAtQuery } from './list-groups-at.query';

/**
 * `GET /v1/security-groups?at=`: each group that may have existed then (its first event recorded
 * before `at` plus a minute, the slack between the clock a group shows and the database's), replayed
 * exactly as `GET /v1/security-groups/{id}/history?at=` replays it; the groups that did not exist
 * yet or had been deleted are left out.
 */
@QueryHandler(ListGroupsAtQuery)
export class ListGroupsAtHandler implements IQueryHandler<ListGroupsAtQuery> {
  constructor(
    @Inject(AuditLog) private readonly auditLog: AuditLog,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  async execute({ caller, at, vpcId }: ListGroupsAtQuery): Promise<GroupAsOf[]> {
    const ids = await this.auditLog.streamsStartedBefore(StreamTypes.securityGroup, tenantScope(caller) ?? undefined, new Date(at.getTime() + 60_000));
    const groups: GroupAsOf[] = [];
    for (const id of ids) {
      try {
        const asOf = await this.queries.execute(new GetGroupHistoryQuery(caller, id, { at }));
        if (vpcId === undefined || asOf.group.vpcId === vpcId) groups.push(asOf);
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'not-found')) throw error;
      }
    }
    return groups;
  }
}
