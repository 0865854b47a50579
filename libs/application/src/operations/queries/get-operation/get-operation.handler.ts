import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { isIdShape } from '../../../aggregates/ids';
import { OperationReadModel, type OperationRecord } from '../../../ports/read-models/operations.read-model';
import { tenantScope } from '../../../write-path/actor';
import { GetOperationQuery } from './get-operation.query';

@QueryHandler(GetOperationQuery)
export class GetOperationHandler implements IQueryHandler<GetOperationQuery> {
  constructor(@Inject(OperationReadModel) private readonly operations: OperationReadModel) {}

  async execute({ caller, operationId }: GetOperationQuery): Promise<OperationRecord> {
    // A string that cannot be an id names no operation; it never reaches the database (a NUL would fail there).
    const op = isIdShape(operationId) ? await this.operations.find(operationId, tenantScope(caller)) : null;
    if (!op) throw new DomainError('not-found', `no operation ${operationId}`);
    return op;
  }
}
