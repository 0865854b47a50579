import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { HypervisorStates } from '../../../ports/propagation/hypervisor-states';
import { HypervisorReadModel } from '../../../ports/read-models/hypervisors.read-model';
import type { Page } from '../../../ports/read-models/page';
import { HypervisorStatus, withSyncStatus } from '../../hypervisor-status';
import { ListHypervisorsQuery } from './list-hypervisors.query';

@QueryHandler(ListHypervisorsQuery)
export class ListHypervisorsHandler implements IQueryHandler<ListHypervisorsQuery> {
  constructor(
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
  ) {}

  async execute({ page }: ListHypervisorsQuery): Promise<Page<HypervisorStatus>> {
    const found = await this.hypervisors.page(page);
    return { items: await withSyncStatus(this.states, found.items), nextCursor: found.nextCursor };
  }
}
