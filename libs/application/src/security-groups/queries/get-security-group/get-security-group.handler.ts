import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { isIdShape } from '../../../aggregates/ids';
import { OperationReadModel } from '../../../ports/read-models/operations.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { tenantScope } from '../../../write-path/actor';
import { GetSecurityGroupQuery, GroupReading } from './get-security-group.query';

@QueryHandler(GetSecurityGroupQuery)
export class GetSecurityGroupHandler implements IQueryHandler<GetSecurityGroupQuery> {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
  ) {}

  async execute({ caller, groupId }: GetSecurityGroupQuery): Promise<GroupReading> {
    // An id no group can have (NUL, 5 KB) is simply not found: Postgres would refuse some as text.
    const group = isIdShape(groupId) ? await this.groups.find(groupId, tenantScope(caller)) : null;
    if (!group) throw new DomainError('not-found', `no security group ${groupId}`);
    const latest = await this.operations.latestStatus([group.id]);
    return { group, latestOperation: latest.get(group.id) };
  }
}
