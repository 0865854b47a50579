import { DomainError } from '../shared/domain-error';
import { OperationEvent, OperationEventTypes as T, OperationQueued } from './operation.events';
import { evolveOperation, OperationState } from './operation.state';

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

/** What the propagation worker learned about one target, or that it picked the operation up. */
export type OperationProgress =
  | { type: 'start' }
  | { type: 'target-succeeded'; hypervisorId: string; appliedRevision: number; attempts: number }
  | { type: 'target-attempt-failed'; hypervisorId: string; attempt: number; error: string; nextAttemptAt: string | null }
  | { type: 'target-failed'; hypervisorId: string; attempts: number; error: string }
  /** A sync confirmed the hypervisor at a state computed after the change: a target that failed is done after all. */
  | { type: 'target-converged'; hypervisorId: string; appliedRevision: number };

/**
 * Moves an operation on. Idempotent: news about a target that already finished, or a start of an
 * operation that already started, changes nothing (a worker may report twice after a crash).
 * The operation finishes when its last target does: succeeded if all did, else failed.
 */
export function decideOperationProgress(state: OperationState, progress: OperationProgress, now: string): OperationEvent[] {
  if (state.status !== 'present') throw new DomainError('not-found', 'operation not found');
  const op = state.operation;
  const operationId = op.id;
  const events: OperationEvent[] = [];
  const started = op.status !== 'queued';
  if (progress.type === 'start') {
    return started ? [] : [{ type: T.Started, data: { operationId, at: now } }];
  }
  const target = op.targets.find((t) => t.hypervisorId === progress.hypervisorId);
  if (progress.type === 'target-converged') {
    // Only a target that failed converges; one still under way is settled by 'target-succeeded'.
    if (!target || target.status !== 'failed') return [];
    events.push({ type: T.TargetConverged, data: { operationId, hypervisorId: progress.hypervisorId, appliedRevision: progress.appliedRevision, at: now } });
    const after = events.reduce(evolveOperation, state);
    if (after.status === 'present' && op.status === 'failed' && after.operation.targets.every((t) => t.status === 'succeeded')) {
      events.push({ type: T.Succeeded, data: { operationId, at: now } });
    }
    return events;
  }
  if (!target || target.status === 'succeeded' || target.status === 'failed') return [];
  if (!started) events.push({ type: T.Started, data: { operationId, at: now } });
  switch (progress.type) {
    case 'target-attempt-failed':
      events.push({ type: T.TargetAttemptFailed, data: { operationId, hypervisorId: progress.hypervisorId, attempt: progress.attempt, error: progress.error, nextAttemptAt: progress.nextAttemptAt, at: now } });
      return events;
    case 'target-succeeded':
      events.push({ type: T.TargetSucceeded, data: { operationId, hypervisorId: progress.hypervisorId, attempts: progress.attempts, appliedRevision: progress.appliedRevision, at: now } });
      break;
    case 'target-failed':
      events.push({ type: T.TargetFailed, data: { operationId, hypervisorId: progress.hypervisorId, attempts: progress.attempts, error: progress.error, at: now } });
      break;
  }
  const after = events.reduce(evolveOperation, state);
  if (after.status !== 'present') return events;
  const targets = after.operation.targets;
  if (targets.every((t) => t.status === 'succeeded')) events.push({ type: T.Succeeded, data: { operationId, at: now } });
  else if (targets.every((t) => t.status === 'succeeded' || t.status === 'failed')) events.push({ type: T.Failed, data: { operationId, at: now } });
  return events;
}
