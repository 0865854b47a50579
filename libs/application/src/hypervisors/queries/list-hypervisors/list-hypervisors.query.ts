import { Query } from '@nestjs/cqrs';
import type { Page, PageRequest } from '../../../ports/read-models/page';
import type { HypervisorStatus } from '../../hypervisor-status';

export class ListHypervisorsQuery extends Query<Page<HypervisorStatus>> {
  constructor(readonly page: PageRequest) {
    super();
  }
}
