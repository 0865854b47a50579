import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { latestOperationStatus, listGroups } from '@sg/infra';
import { Page } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { withCursor } from '../../../platform/http/send';
import type { GroupReading } from '../get-security-group/get-security-group.query';
import { ListSecurityGroupsQuery } from './list-security-groups.query';

/** Another tenant's groups are never listed, even when its VPC id is given. */
@QueryHandler(ListSecurityGroupsQuery)
export class ListSecurityGroupsHandler implements IQueryHandler<ListSecurityGroupsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ principal, filter, page }: ListSecurityGroupsQuery): Promise<Page<GroupReading>> {
    const groups = await withCursor(() => listGroups(this.db.manager, { tenant: tenantScope(principal), ...filter }, page));
    const latest = await latestOperationStatus(this.db.manager, groups.items.map((g) => g.id));
    return { items: groups.items.map((group) => ({ group, latestOperation: latest.get(group.id) })), nextCursor: groups.nextCursor };
  }
}
