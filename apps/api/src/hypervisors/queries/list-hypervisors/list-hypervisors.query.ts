import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest } from '@sg/application';
import type { HypervisorResponse } from '../../hypervisor.presenter';

export class ListHypervisorsQuery extends Query<Page<HypervisorResponse>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
