import { Query } from '@nestjs/cqrs';
import type { OperationRecord } from '../../../ports/read-models/operations.read-model';
import type { Caller } from '../../../write-path/actor';

export class GetOperationQuery extends Query<OperationRecord> {
  constructor(
    readonly caller: Caller,
    readonly operationId: string,
  ) {
    super();
  }
}
