import type { OperationRecord } from '../../../ports/read-models/operations.read-model';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface OperationRetried {
  operation: OperationRecord;
}

/** An operator's retry of a failed operation: its failed targets are queued again. */
export class RetryOperationCommand extends WriteCommand<OperationRetried> {
  constructor(
    context: WriteContext<OperationRetried>,
    readonly operationId: string,
  ) {
    super(context);
  }
}
