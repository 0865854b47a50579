import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { HypervisorStates } from '../../../ports/propagation/hypervisor-states';
import { HypervisorReadModel } from '../../../ports/read-models/hypervisors.read-model';
import { isHypervisorIdShape } from '../../hypervisor-id';
import { HypervisorStatus, withSyncStatus } from '../../hypervisor-status';
import { GetHypervisorQuery } from './get-hypervisor.query';

@QueryHandler(GetHypervisorQuery)
export class GetHypervisorHandler implements IQueryHandler<GetHypervisorQuery> {
  constructor(
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
  ) {}

  async execute({ hypervisorId }: GetHypervisorQuery): Promise<HypervisorStatus> {
    const found = isHypervisorIdShape(hypervisorId) ? await this.hypervisors.find(hypervisorId) : null;
    if (!found) throw new DomainError('not-found', `no hypervisor ${hypervisorId}`);
    const [hypervisor] = await withSyncStatus(this.states, [found]);
    return hypervisor;
  }
}
