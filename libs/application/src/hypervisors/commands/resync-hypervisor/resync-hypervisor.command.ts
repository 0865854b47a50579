import type { OperationOpened } from '../../../write-path/operation-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface HypervisorResynced {
  hypervisorId: string;
  operation: OperationOpened;
}

/** Pushes a hypervisor's full desired state again, even if nothing changed. */
export class ResyncHypervisorCommand extends WriteCommand<HypervisorResynced> {
  constructor(
    context: WriteContext<HypervisorResynced>,
    readonly hypervisorId: string,
  ) {
    super(context);
  }
}
