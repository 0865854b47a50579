import { Query } from '@nestjs/cqrs';
import type { InstanceFilter } from '../../../ports/read-models/instances.read-model';
import type { Page, PageRequest } from '../../../ports/read-models/page';
import type { InstanceDetails } from '../../instance-groups';

export class ListInstancesQuery extends Query<Page<InstanceDetails>> {
  constructor(
    readonly filter: InstanceFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
