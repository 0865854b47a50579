import { Query } from '@nestjs/cqrs';
import type { HypervisorResponse } from '../../hypervisor.presenter';

export class GetHypervisorQuery extends Query<HypervisorResponse> {
  constructor(readonly hypervisorId: string) {
    super();
  }
}
