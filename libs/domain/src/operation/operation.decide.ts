import { DomainError } from '../shared/domain-error';
import { OperationEvent, OperationEventTypes as T, OperationQueued } from './operation.events';
import { OperationState } from './operation.state';

/**
 * Opens an operation for an accepted change. A change that reaches no hypervisor has nothing to
 * wait for: it succeeds in the same transaction ("nothing to propagate").
 */
export function queueOperation(data: OperationQueued['data']): OperationEvent[] {
  const queued: OperationEvent = { type: T.Queued, data };
  if (data.targets.length > 0) return [queued];
  return [queued, { type: T.Succeeded, data: { operationId: data.operationId, at: data.at } }];
}

/** An operator's retry re-queues the failed targets; anything but a failed operation is a conflict. */
export function requestRetry(state: OperationState, actor: string, now: string): OperationEvent[] {
  if (state.status !== 'present') throw new DomainError('not-found', 'operation not found');
  const op = state.operation;
  if (op.status !== 'failed') throw new DomainError('conflict', `operation ${op.id} is ${op.status}; only a failed operation can be retried`);
  const hypervisorIds = op.targets.filter((t) => t.status === 'failed').map((t) => t.hypervisorId);
  return [{ type: T.RetryRequested, data: { operationId: op.id, hypervisorIds, actor, at: now } }];
}
