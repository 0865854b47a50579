import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OperationReadModel, type OperationRecord } from '../../../ports/read-models/operations.read-model';
import type { Page } from '../../../ports/read-models/page';
import { ListOperationsQuery } from './list-operations.query';

@QueryHandler(ListOperationsQuery)
export class ListOperationsHandler implements IQueryHandler<ListOperationsQuery> {
  constructor(@Inject(OperationReadModel) private readonly operations: OperationReadModel) {}

  execute({ filter, page }: ListOperationsQuery): Promise<Page<OperationRecord>> {
    return this.operations.list(filter, page);
  }
}
