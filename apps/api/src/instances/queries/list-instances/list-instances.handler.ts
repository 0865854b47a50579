import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { listInstances } from '@sg/infra';
import { Page } from '@sg/application';
import { DataSource } from 'typeorm';
import { withCursor } from '../../../platform/http/send';
import { InstanceDetails, withSecurityGroups } from '../../instance-groups';
import { ListInstancesQuery } from './list-instances.query';

@QueryHandler(ListInstancesQuery)
export class ListInstancesHandler implements IQueryHandler<ListInstancesQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ filter, page }: ListInstancesQuery): Promise<Page<InstanceDetails>> {
    const found = await withCursor(() => listInstances(this.db.manager, filter, page));
    return { items: await withSecurityGroups(this.db.manager, found.items), nextCursor: found.nextCursor };
  }
}
