import { Query } from '@nestjs/cqrs';
import type { OperationRecord } from '@sg/application';
import type { Principal } from '../../../platform/auth/principal';

export class GetOperationQuery extends Query<OperationRecord> {
  constructor(
    readonly principal: Principal,
    readonly operationId: string,
  ) {
    super();
  }
}
