import { assertNever } from '../shared/assert-never';
import { OperationEvent, OperationEventTypes as T, OperationResource } from './operation.events';

export type OperationStatus = 'queued' | 'in-progress' | 'succeeded' | 'failed';

export interface OperationTarget {
  hypervisorId: string;
  instanceIds: string[];
  status: OperationStatus;
  attempts: number;
  appliedRevision: number | null;
  error: string | null;
}

export interface Operation {
  id: string;
  tenant: string;
  type: string;
  resource: OperationResource;
  summary: string;
  changePosition: string | null;
  status: OperationStatus;
  targets: OperationTarget[];
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

export type OperationState = { status: 'absent' } | { status: 'present'; operation: Operation };

export const initialOperationState = (): OperationState => ({ status: 'absent' });

export function evolveOperation(state: OperationState, event: OperationEvent): OperationState {
  if (event.type === T.Queued) {
    const d = event.data;
    return {
      status: 'present',
      operation: {
        id: d.operationId, tenant: d.tenant, type: d.operationType, resource: d.resource, summary: d.summary, changePosition: d.changePosition,
        status: 'queued',
        targets: d.targets.map((t) => ({ hypervisorId: t.hypervisorId, instanceIds: t.instanceIds, status: 'queued', attempts: 0, appliedRevision: null, error: null })),
        createdAt: d.at, updatedAt: d.at, finishedAt: null,
      },
    };
  }
  if (state.status !== 'present') return state;
  const op = state.operation;
  const at = event.data.at;
  const withTarget = (hypervisorId: string, patch: Partial<OperationTarget>): OperationState => ({
    status: 'present',
    operation: { ...op, updatedAt: at, targets: op.targets.map((t) => (t.hypervisorId === hypervisorId ? { ...t, ...patch } : t)) },
  });
  switch (event.type) {
    case T.Started:
      return { status: 'present', operation: { ...op, status: 'in-progress', updatedAt: at, targets: op.targets.map((t) => (t.status === 'queued' ? { ...t, status: 'in-progress' } : t)) } };
    case T.TargetAttemptFailed:
      return withTarget(event.data.hypervisorId, { status: 'in-progress', attempts: event.data.attempt, error: event.data.error });
    case T.TargetSucceeded:
      return withTarget(event.data.hypervisorId, { status: 'succeeded', attempts: event.data.attempts, appliedRevision: event.data.appliedRevision, error: null });
    case T.TargetFailed:
      return withTarget(event.data.hypervisorId, { status: 'failed', attempts: event.data.attempts, error: event.data.error });
    case T.TargetConverged:
      return withTarget(event.data.hypervisorId, { status: 'succeeded', appliedRevision: event.data.appliedRevision, error: null });
    case T.Succeeded:
      return { status: 'present', operation: { ...op, status: 'succeeded', updatedAt: at, finishedAt: at } };
    case T.Failed:
      return { status: 'present', operation: { ...op, status: 'failed', updatedAt: at, finishedAt: at } };
    case T.RetryRequested: {
      const again = new Set(event.data.hypervisorIds);
      return {
        status: 'present',
        operation: {
          ...op, status: 'queued', updatedAt: at, finishedAt: null,
          targets: op.targets.map((t) => (again.has(t.hypervisorId) ? { ...t, status: 'queued', error: null } : t)),
        },
      };
    }
    default:
      return assertNever(event);
  }
}

export function rebuildOperation(events: readonly OperationEvent[]): OperationState {
  return events.reduce(evolveOperation, initialOperationState());
}

/**
 * The sentence a console shows: "Added 2 inbound rules to web-servers; applied on 3 instances
 * across 2 hypervisors". The part after the semicolon follows the status.
 */
export function operationMessage(op: Operation): string {
  const instances = new Set(op.targets.flatMap((t) => t.instanceIds)).size;
  const hypervisors = op.targets.length;
  const spread = `${plural(instances, 'instance')} across ${plural(hypervisors, 'hypervisor')}`;
  if (hypervisors === 0) return `${op.summary}; nothing to propagate`;
  switch (op.status) {
    case 'queued':
      return `${op.summary}; waiting to apply on ${spread}`;
    case 'in-progress': {
      const done = op.targets.filter((t) => t.status === 'succeeded').length;
      return `${op.summary}; applying on ${spread} (${done} of ${hypervisors} hypervisors done)`;
    }
    case 'succeeded':
      return `${op.summary}; applied on ${spread}`;
    case 'failed': {
      const failed = op.targets.filter((t) => t.status === 'failed');
      const first = failed[0];
      return `${op.summary}; failed on ${failed.map((t) => t.hypervisorId).join(', ')}${first?.error ? `: ${first.error}` : ''}`;
    }
  }
}

export function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
