import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { findHypervisor } from '@sg/infra';
import { DataSource } from 'typeorm';
import { isHypervisorIdShape } from '../../hypervisor-id';
import { HypervisorResponse, presentHypervisors } from '../../hypervisor.presenter';
import { GetHypervisorQuery } from './get-hypervisor.query';

@QueryHandler(GetHypervisorQuery)
export class GetHypervisorHandler implements IQueryHandler<GetHypervisorQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ hypervisorId }: GetHypervisorQuery): Promise<HypervisorResponse> {
    const found = isHypervisorIdShape(hypervisorId) ? await findHypervisor(this.db.manager, hypervisorId) : null;
    if (!found) throw new DomainError('not-found', `no hypervisor ${hypervisorId}`);
    const [hypervisor] = await presentHypervisors(this.db.manager, [found]);
    return hypervisor;
  }
}
