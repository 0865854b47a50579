import type { OperationOpened } from '../write-path/operation-plan';
import type { InstanceDetails } from './instance-groups';

/** A registration's or a move's outcome: the instance as just written, and the operation that tells its hypervisors. */
export interface InstanceChanged {
  instance: InstanceDetails;
  operation: OperationOpened;
}

export interface InstanceDeleted {
  instanceId: string;
  operation: OperationOpened;
}
