import { byHypervisor, InstanceView, OperationEventTypes, OperationResource, OperationTargetPlan, queueOperation } from '@sg/domain';
import { newId } from '../aggregates/ids';
import { StreamTypes } from '../aggregates/streams';
import type { AppendRequest } from '../ports/event-store.port';

/** The operation a change opened, as its outcome reports it. */
export interface OperationOpened {
  id: string;
  /** As the append leaves it: queued, or succeeded at once when it reaches no hypervisor. */
  status: 'queued' | 'succeeded';
}

export interface PlannedOperation extends OperationOpened {
  append: AppendRequest;
}

/**
 * Opens the operation that follows a change out to the hypervisors of the instances it
 * touches (or to `targets`, when the change names them itself), appended in the change's own
 * transaction: accepted change and queued operation commit together or not at all.
 */
export function planOperation(args: {
  tenant: string;
  operationType: string;
  resource: OperationResource;
  summary: string;
  touched: readonly InstanceView[];
  targets?: OperationTargetPlan[];
  /** Push the full state even when it has not changed (a resync). */
  force?: boolean;
  now: string;
}): PlannedOperation {
  const id = newId('op');
  const events = queueOperation({
    operationId: id,
    tenant: args.tenant,
    operationType: args.operationType,
    resource: args.resource,
    summary: args.summary,
    changePosition: null,
    targets: args.targets ?? byHypervisor(args.touched),
    ...(args.force && { force: true }),
    at: args.now,
  });
  return {
    id,
    append: { streamId: id, streamType: StreamTypes.operation, expectedVersion: 'no-stream', events },
    status: events.some((e) => e.type === OperationEventTypes.Succeeded) ? 'succeeded' : 'queued',
  };
}

/** The outcome's view of a planned operation. */
export function opened({ id, status }: PlannedOperation): OperationOpened {
  return { id, status };
}
