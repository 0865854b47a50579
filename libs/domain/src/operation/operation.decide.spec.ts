import { decideOperationProgress, queueOperation, requestRetry } from './operation.decide';
import { OperationEvent, OperationEventTypes as T } from './operation.events';
import { evolveOperation, initialOperationState, operationMessage, OperationState, rebuildOperation } from './operation.state';

const now = '2026-11-27T10:00:00.000Z';
const queued = (hypervisors: string[]) =>
  queueOperation({
    operationId: 'op-1', tenant: 'demo', operationType: 'security-group.rules.added', resource: { type: 'security-group', id: 'sg-web' },
    summary: 'Added 2 inbound rules to web-servers', changePosition: null,
    targets: hypervisors.map((h, i) => ({ hypervisorId: h, instanceIds: [`i-${i}a`, `i-${i}b`].slice(0, i + 1) })), at: now,
  });
const run = (events: OperationEvent[], ...steps: Parameters<typeof decideOperationProgress>[1][]) => {
  let all = [...events];
  for (const step of steps) all = [...all, ...decideOperationProgress(rebuildOperation(all), step, now)];
  return { events: all, state: rebuildOperation(all) as Extract<OperationState, { status: 'present' }> };
};

describe('operation lifecycle', () => {
  it('a change that reaches no hypervisor succeeds at once', () => {
    const state = rebuildOperation(queued([]));
    expect(state.status === 'present' && state.operation.status).toBe('succeeded');
    expect(state.status === 'present' && operationMessage(state.operation)).toBe('Added 2 inbound rules to web-servers; nothing to propagate');
  });

  it('queued → in-progress → succeeded when every target succeeded', () => {
    const { events, state } = run(queued(['hv-1', 'hv-2']), { type: 'start' }, { type: 'target-succeeded', hypervisorId: 'hv-1', appliedRevision: 4, attempts: 1 }, { type: 'target-succeeded', hypervisorId: 'hv-2', appliedRevision: 9, attempts: 2 });
    expect(events.map((e) => e.type)).toEqual([T.Queued, T.Started, T.TargetSucceeded, T.TargetSucceeded, T.Succeeded]);
    expect(state.operation.status).toBe('succeeded');
    expect(operationMessage(state.operation)).toBe('Added 2 inbound rules to web-servers; applied on 3 instances across 2 hypervisors');
    expect(state.operation.targets.map((t) => [t.hypervisorId, t.appliedRevision, t.attempts])).toEqual([['hv-1', 4, 1], ['hv-2', 9, 2]]);
  });

  it('keeps retrying targets in progress and fails once the last target failed', () => {
    const { events, state } = run(
      queued(['hv-1', 'hv-2']),
      { type: 'target-attempt-failed', hypervisorId: 'hv-2', attempt: 1, error: 'connect ECONNREFUSED', nextAttemptAt: now },
      { type: 'target-succeeded', hypervisorId: 'hv-1', appliedRevision: 4, attempts: 1 },
    );
    expect(state.operation.status).toBe('in-progress');
    expect(state.operation.targets[1]).toMatchObject({ status: 'in-progress', attempts: 1, error: 'connect ECONNREFUSED' });
    const failed = run(events, { type: 'target-failed', hypervisorId: 'hv-2', attempts: 5, error: 'connect ECONNREFUSED' });
    expect(failed.state.operation.status).toBe('failed');
    expect(operationMessage(failed.state.operation)).toMatch(/failed on hv-2: connect ECONNREFUSED/);
  });

  it('ignores news about a finished target and a second start', () => {
    const { state } = run(queued(['hv-1']), { type: 'target-succeeded', hypervisorId: 'hv-1', appliedRevision: 4, attempts: 1 });
    expect(decideOperationProgress(state, { type: 'target-failed', hypervisorId: 'hv-1', attempts: 1, error: 'x' }, now)).toEqual([]);
    expect(decideOperationProgress(state, { type: 'start' }, now)).toEqual([]);
  });

  it('an operator retry re-queues only the failed targets; anything else is a conflict', () => {
    const { events, state } = run(queued(['hv-1', 'hv-2']), { type: 'target-succeeded', hypervisorId: 'hv-1', appliedRevision: 4, attempts: 1 }, { type: 'target-failed', hypervisorId: 'hv-2', attempts: 5, error: 'down' });
    const retry = requestRetry(state, 'ops/operator#1', now);
    expect(retry).toEqual([{ type: T.RetryRequested, data: { operationId: 'op-1', hypervisorIds: ['hv-2'], actor: 'ops/operator#1', at: now } }]);
    const again = [...events, ...retry].reduce(evolveOperation, initialOperationState());
    expect(again.status === 'present' && again.operation.status).toBe('queued');
    expect(() => requestRetry(again, 'x', now)).toThrow(expect.objectContaining({ code: 'conflict' }));
    const done = run([...events, ...retry], { type: 'target-succeeded', hypervisorId: 'hv-2', appliedRevision: 7, attempts: 1 });
    expect(done.state.operation.status).toBe('succeeded');
  });

  it('a failed target that later converged succeeds, and the operation with it once no target is left failed', () => {
    const failedBoth = run(
      queued(['hv-1', 'hv-2']),
      { type: 'target-failed', hypervisorId: 'hv-1', attempts: 5, error: 'down' },
      { type: 'target-failed', hypervisorId: 'hv-2', attempts: 5, error: 'down' },
    );
    expect(failedBoth.state.operation.status).toBe('failed');
    const one = run(failedBoth.events, { type: 'target-converged', hypervisorId: 'hv-1', appliedRevision: 12 });
    expect(one.events.slice(failedBoth.events.length).map((e) => e.type)).toEqual([T.TargetConverged]);
    expect(one.state.operation.status).toBe('failed');
    expect(one.state.operation.targets[0]).toMatchObject({ status: 'succeeded', appliedRevision: 12, error: null });
    const both = run(one.events, { type: 'target-converged', hypervisorId: 'hv-2', appliedRevision: 3 });
    expect(both.events.slice(one.events.length).map((e) => e.type)).toEqual([T.TargetConverged, T.Succeeded]);
    expect(both.state.operation.status).toBe('succeeded');
    expect(both.state.operation.finishedAt).toBe(now);
  });

  it('convergence changes nothing for a target that did not fail (or an unknown one)', () => {
    const waiting = run(queued(['hv-1']), { type: 'start' });
    expect(decideOperationProgress(waiting.state, { type: 'target-converged', hypervisorId: 'hv-1', appliedRevision: 2 }, now)).toEqual([]);
    const done = run(queued(['hv-1']), { type: 'target-succeeded', hypervisorId: 'hv-1', appliedRevision: 4, attempts: 1 });
    expect(decideOperationProgress(done.state, { type: 'target-converged', hypervisorId: 'hv-1', appliedRevision: 5 }, now)).toEqual([]);
    expect(decideOperationProgress(done.state, { type: 'target-converged', hypervisorId: 'hv-9', appliedRevision: 5 }, now)).toEqual([]);
  });
});
