import { Query } from '@nestjs/cqrs';
import type { OperationFilter, OperationRecord, Page, PageRequest } from '@sg/application';

export class ListOperationsQuery extends Query<Page<OperationRecord>> {
  constructor(
    readonly filter: OperationFilter,
    readonly page: PageRequest,
  ) {
    super();
  }
}
