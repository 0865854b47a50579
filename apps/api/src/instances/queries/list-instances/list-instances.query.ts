import { Query } from '@nestjs/cqrs';
import type { InstanceFilter, Page, PageRequest } from '@sg/application';
import type { InstanceDetails } from '../../instance-groups';

export class ListInstancesQuery extends Query<Page<InstanceDetails>> {
  constructor(
    readonly filter: InstanceFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
