import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { listOperations } from '@sg/infra';
import { OperationRecord, Page } from '@sg/application';
import { DataSource } from 'typeorm';
import { withCursor } from '../../../platform/http/send';
import { ListOperationsQuery } from './list-operations.query';

@QueryHandler(ListOperationsQuery)
export class ListOperationsHandler implements IQueryHandler<ListOperationsQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  execute({ filter, page }: ListOperationsQuery): Promise<Page<OperationRecord>> {
    return withCursor(() => listOperations(this.db.manager, filter, page));
  }
}
