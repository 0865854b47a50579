import { Query } from '@nestjs/cqrs';
import type { OperationFilter, OperationRecord } from '../../../ports/read-models/operations.read-model';
import type { Page, PageRequest } from '../../../ports/read-models/page';

export class ListOperationsQuery extends Query<Page<OperationRecord>> {
  constructor(
    readonly filter: OperationFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
