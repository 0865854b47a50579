/**
 * An operation follows one accepted change out to the hypervisors: queued, in progress, then
 * succeeded or failed, target by target. Its status changes are events, which the notification
 * stream follows.
 */
export const OperationEventTypes = {
  Queued: 'operation.queued',
  Started: 'operation.started',
  TargetAttemptFailed: 'operation.target.attempt-failed',
  TargetSucceeded: 'operation.target.succeeded',
  TargetFailed: 'operation.target.failed',
  TargetConverged: 'operation.target.converged',
  Succeeded: 'operation.succeeded',
  Failed: 'operation.failed',
  RetryRequested: 'operation.retry-requested',
} as const;

export interface OperationResource {
  type: 'security-group' | 'instance' | 'vpc' | 'hypervisor';
  id: string;
}

export interface OperationTargetPlan {
  hypervisorId: string;
  /** Instances on that hypervisor the change touches. */
  instanceIds: string[];
}

export interface OperationQueued {
  type: typeof OperationEventTypes.Queued;
  data: {
    operationId: string;
    tenant: string;
    /** What changed, as the change's own event type: `security-group.rules.added`. */
    operationType: string;
    resource: OperationResource;
    /** What a person reads first: "Added 2 inbound rules to web-servers". */
    summary: string;
    /** Position of the last event of the change: the worker propagates state at least this new. */
    changePosition: string | null;
    targets: OperationTargetPlan[];
    /** Push the full state even when it has not changed (a resync). */
    force?: boolean;
    at: string;
  };
}

export interface OperationStarted {
  type: typeof OperationEventTypes.Started;
  data: { operationId: string; at: string };
}

export interface OperationTargetAttemptFailed {
  type: typeof OperationEventTypes.TargetAttemptFailed;
  data: { operationId: string; hypervisorId: string; attempt: number; error: string; nextAttemptAt: string | null; at: string };
}

export interface OperationTargetSucceeded {
  type: typeof OperationEventTypes.TargetSucceeded;
  data: { operationId: string; hypervisorId: string; attempts: number; appliedRevision: number; at: string };
}

export interface OperationTargetFailed {
  type: typeof OperationEventTypes.TargetFailed;
  data: { operationId: string; hypervisorId: string; attempts: number; error: string; at: string };
}

/**
 * A target that had failed is now at a desired state that carries the change: the agent came back
 * and a later sync (the reconciler's or a resync) brought it there, confirmed by revision and hash.
 * The target counts as succeeded; when it was the last failed one, `operation.succeeded` follows.
 */
export interface OperationTargetConverged {
  type: typeof OperationEventTypes.TargetConverged;
  data: { operationId: string; hypervisorId: string; appliedRevision: number; at: string };
}

export interface OperationSucceeded {
  type: typeof OperationEventTypes.Succeeded;
  data: { operationId: string; at: string };
}

export interface OperationFailed {
  type: typeof OperationEventTypes.Failed;
  data: { operationId: string; at: string };
}

export interface OperationRetryRequested {
  type: typeof OperationEventTypes.RetryRequested;
  data: { operationId: string; hypervisorIds: string[]; actor: string; at: string };
}

export type OperationEvent =
  | OperationQueued
  | OperationStarted
  | OperationTargetAttemptFailed
  | OperationTargetSucceeded
  | OperationTargetFailed
  | OperationTargetConverged
  | OperationSucceeded
  | OperationFailed
  | OperationRetryRequested;
