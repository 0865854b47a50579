import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Page } from '../../../ports/read-models/page';
import { OperationReadModel } from '../../../ports/read-models/operations.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { tenantScope } from '../../../write-path/actor';
import type { GroupReading } from '../get-security-group/get-security-group.query';
import { ListSecurityGroupsQuery } from './list-security-groups.query';

/** Another tenant's groups are never listed, even when its VPC id is given. */
@QueryHandler(ListSecurityGroupsQuery)
export class ListSecurityGroupsHandler implements IQueryHandler<ListSecurityGroupsQuery> {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
  ) {}

  async execute({ caller, filter, page }: ListSecurityGroupsQuery): Promise<Page<GroupReading>> {
    const groups = await this.groups.list({ tenant: tenantScope(caller), ...filter }, page);
    const latest = await this.operations.latestStatus(groups.items.map((g) => g.id));
    return { items: groups.items.map((group) => ({ group, latestOperation: latest.get(group.id) })), nextCursor: groups.nextCursor };
  }
}
