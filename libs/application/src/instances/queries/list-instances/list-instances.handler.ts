import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import type { Page } from '../../../ports/read-models/page';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { InstanceDetails, withSecurityGroups } from '../../instance-groups';
import { ListInstancesQuery } from './list-instances.query';

@QueryHandler(ListInstancesQuery)
export class ListInstancesHandler implements IQueryHandler<ListInstancesQuery> {
  constructor(
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
  ) {}

  async execute({ filter, page }: ListInstancesQuery): Promise<Page<InstanceDetails>> {
    const found = await this.instances.list(filter, page);
    return { items: await withSecurityGroups(this.groups, found.items), nextCursor: found.nextCursor };
  }
}
