import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { listHypervisorPage } from '@sg/infra';
import { Page } from '@sg/application';
import { DataSource } from 'typeorm';
import { withCursor } from '../../../platform/http/send';
import { HypervisorResponse, presentHypervisors } from '../../hypervisor.presenter';
import { ListHypervisorsQuery } from './list-hypervisors.query';

@QueryHandler(ListHypervisorsQuery)
export class ListHypervisorsHandler implements IQueryHandler<ListHypervisorsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ page }: ListHypervisorsQuery): Promise<Page<HypervisorResponse>> {
    const found = await withCursor(() => listHypervisorPage(this.db.manager, page));
    return { items: await presentHypervisors(this.db.manager, found.items), nextCursor: found.nextCursor };
  }
}
