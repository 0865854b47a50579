import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { findGroup, latestOperationStatus } from '@sg/infra';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { ID_PATTERN } from '../../../platform/http/query-params';
import { GetSecurityGroupQuery, GroupReading } from './get-security-group.query';

@QueryHandler(GetSecurityGroupQuery)
export class GetSecurityGroupHandler implements IQueryHandler<GetSecurityGroupQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ principal, groupId }: GetSecurityGroupQuery): Promise<GroupReading> {
    // An id no group can have (NUL, 5 KB) is simply not found: Postgres would refuse some as text.
    const group = ID_PATTERN.test(groupId) ? await findGroup(this.db.manager, groupId, tenantScope(principal)) : null;
    if (!group) throw new DomainError('not-found', `no security group ${groupId}`);
    const latest = await latestOperationStatus(this.db.manager, [group.id]);
    return { group, latestOperation: latest.get(group.id) };
  }
}
