import { byHypervisor, InstanceView, OperationEventTypes, OperationResource, queueOperation } from '@sg/domain';
import { findOperation } from '@sg/infra';
import { AppendRequest, newId, StreamTypes } from '@sg/application';
import type { EntityManager } from 'typeorm';

export interface PlannedOperation {
  id: string;
  append: AppendRequest;
  /** As the append leaves it: queued, or succeeded at once when it reaches no hypervisor. */
  status: 'queued' | 'succeeded';
}

/**
 * Opens the operation that follows a change out to the hypervisors of the instances it
 * touches, appended in the change's own transaction: accepted change and queued operation
 * commit together or not at all.
 */
export function planOperation(args: {
  tenant: string;
  operationType: string;
  resource: OperationResource;
  summary: string;
  touched: readonly InstanceView[];
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
    targets: byHypervisor(args.touched),
    at: args.now,
  });
  return {
    id,
    append: { streamId: id, streamType: StreamTypes.operation, expectedVersion: 'no-stream', events },
    status: events.some((e) => e.type === OperationEventTypes.Succeeded) ? 'succeeded' : 'queued',
  };
}

export interface OperationRef {
  id: string;
  status: string;
  href: string;
}

/** The `operation` member of a change's response, and its `Operation-Location` header. */
export async function operationRef(tx: EntityManager, operationId: string): Promise<{ ref: OperationRef; headers: Record<string, string> }> {
  const op = await findOperation(tx, operationId, null);
  const href = `/v1/operations/${operationId}`;
  return { ref: { id: operationId, status: op?.status ?? 'queued', href }, headers: { 'Operation-Location': href } };
}

/** The same answer without a query, for an operation this request has just planned. */
export function plannedOperationRef(planned: PlannedOperation): { ref: OperationRef; headers: Record<string, string> } {
  const href = `/v1/operations/${planned.id}`;
  return { ref: { id: planned.id, status: planned.status, href }, headers: { 'Operation-Location': href } };
}
