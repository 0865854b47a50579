import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { findOperation } from '@sg/infra';
import { OperationRecord } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { ID_PATTERN } from '../../../platform/http/query-params';
import { GetOperationQuery } from './get-operation.query';

@QueryHandler(GetOperationQuery)
export class GetOperationHandler implements IQueryHandler<GetOperationQuery> {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  async execute({ principal, operationId }: GetOperationQuery): Promise<OperationRecord> {
    // A string that cannot be an id names no operation; it never reaches Postgres (a NUL would fail there).
    const op = ID_PATTERN.test(operationId) ? await findOperation(this.db.manager, operationId, tenantScope(principal)) : null;
    if (!op) throw new DomainError('not-found', `no operation ${operationId}`);
    return op;
  }
}
