import type { Client } from '../../support/api';
import { openSse } from '../../support/sse';
import { eventually, groupOnTwoHypervisors, startSystem, System } from '../../support/system';

interface FeedEvent {
  position: number;
  streamId: string;
  type: string;
  data: Record<string, any>;
  metadata: { actor: string; tenant: string };
}

/** The operator's whole event feed, followed with `after` as a reader would. */
async function readFeed(operator: Client): Promise<FeedEvent[]> {
  const all: FeedEvent[] = [];
  let after = '0';
  for (;;) {
    const page = await operator.get<FeedEvent[]>(`/v1/events?after=${after}&limit=1000`);
    if (page.status !== 200) throw new Error(`GET /v1/events answered ${page.status}: ${page.text}`);
    if (page.body.length === 0) return all;
    all.push(...page.body);
    after = page.headers.get('next-after')!;
  }
}

const eventsOf = async (operator: Client, operationId: string) => (await readFeed(operator)).filter((e) => e.streamId === operationId);
const targetOf = (op: { targets: { hypervisorId: string }[] }, hv: string): any => op.targets.find((t) => t.hypervisorId === hv);
const rulesOn = async (sys: System, hv: string) => (await sys.agents.get(hv)!.state()).ports.flatMap((p) => p.groups.flatMap((g) => g.rules));

/**
 * An agent that is down: the target retries with backoff (FAST_PROPAGATION: 3 attempts, 100 ms
 * base), then the operation fails with the agent's own error; once the agent is back and
 * holds a state that carries the change, the operation succeeds by itself. API, worker and agents run for real over HTTP.
 */
describe('propagation to an agent that is down', () => {
  let sys: System;
  let groupId: string;
  let createdOpId: string;
  let failedOpId: string;
  let ruleId: string;

  beforeAll(async () => {
    sys = await startSystem({ agents: ['hv-1', 'hv-2'] });
    const setup = await groupOnTwoHypervisors(sys.http, sys.operator, 'ml', 'web');
    groupId = setup.groupId;
    createdOpId = setup.createdOperationId;
  });
  afterAll(() => sys.close());

  it('retries hv-2 with growing delays, then fails the operation with the agent\'s error while hv-1 gets the rule', async () => {
    const exit = await sys.agents.get('hv-2')!.kill();
    expect(exit.code).toBe(0);
    const stream = await openSse(sys.api.url, '/v1/notifications/stream');

    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }] });
    expect(added.status).toBe(202);
    failedOpId = added.body.operation.id;
    ruleId = added.body.inboundRules[0].id;

    // What a console polling the operation sees while hv-2 is being retried (the window is at least
    // the two backoff waits, 150 ms), then its end.
    const seen: any[] = [];
    const final = await eventually('the operation to fail', async () => {
      const op = (await sys.http.get(`/v1/operations/${failedOpId}`)).body;
      seen.push(op);
      return op.status === 'succeeded' || op.status === 'failed' ? op : undefined;
    }, 30_000, 5);

    const retrying = seen.filter((op) => op.status === 'in-progress' && targetOf(op, 'hv-2').attempts >= 1);
    expect(retrying.length).toBeGreaterThan(0);
    for (const op of retrying) {
      expect(targetOf(op, 'hv-2')).toMatchObject({ status: 'in-progress', appliedRevision: null, error: expect.stringContaining('ECONNREFUSED') });
    }
    const hv2Attempts = seen.map((op) => targetOf(op, 'hv-2').attempts);
    expect(hv2Attempts).toEqual([...hv2Attempts].sort((a, b) => a - b));

    expect(final.status).toBe('failed');
    expect(final.progress).toEqual({ done: 2, total: 2 });
    expect(final.finishedAt).toEqual(expect.any(String));
    expect(targetOf(final, 'hv-1')).toMatchObject({ status: 'succeeded', attempts: 1, error: null, appliedRevision: expect.any(Number) });
    const hv2 = targetOf(final, 'hv-2');
    expect(hv2).toMatchObject({ status: 'failed', attempts: 3, appliedRevision: null });
    expect(hv2.error).toMatch(/^agent hv-2 unreachable at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/);
    expect(final.message).toBe(`Added 1 inbound rule to web; failed on hv-2: ${hv2.error}`);

    // hv-1 was not held back by its neighbour.
    expect(await rulesOn(sys, 'hv-1')).toContainEqual(expect.objectContaining({ id: ruleId, portRange: { from: 22, to: 22 } }));
    const hypervisors = (await sys.operator.get('/v1/hypervisors')).body;
    const hv2Row = hypervisors.find((h: { id: string }) => h.id === 'hv-2');
    expect(hv2Row.appliedRevision).toBeLessThan(hv2Row.desiredRevision);
    expect(hv2Row.lastError).toMatch(/ECONNREFUSED/);

    // The notification stream shows the status changes only, ending in the failure.
    const notes = await stream.waitFor('the failure', (events) => events.some((e) => e.data.id === failedOpId && e.data.status === 'failed'));
    stream.close();
    const mine = notes.filter((e) => e.data.id === failedOpId);
    expect(mine.map((e) => e.data.status)).toEqual(['queued', 'in-progress', 'failed']);
    expect(mine[2].data).toEqual(final);
    const polled = (await sys.http.get(`/v1/notifications?after=${Number(mine[0].id) - 1}`)).body.filter((n: any) => n.operation?.id === failedOpId);
    expect(polled.map((n: any) => n.operation.status)).toEqual(['queued', 'in-progress', 'failed']);

    // The audit trail: two failed attempts with the error, then the target's failure. Each gap is
    // its backoff (jittered: 50–100 ms, then 100–200 ms) plus the attempt's own work, which on a
    // busy 2-core machine varies by tens of ms: so each gap is at least its backoff's floor (the
    // second floor is the first ceiling: the waits grow), and the second gap is not shorter than
    // the first beyond that noise.
    const history = await eventually('the failure in the event feed', async () => {
      const events = await eventsOf(sys.operator, failedOpId);
      return events.some((e) => e.type === 'operation.failed') ? events : undefined;
    });
    const hv2Events = history.filter((e) => e.data.hypervisorId === 'hv-2');
    expect(hv2Events.map((e) => [e.type, e.data.attempt ?? e.data.attempts])).toEqual([
      ['operation.target.attempt-failed', 1],
      ['operation.target.attempt-failed', 2],
      ['operation.target.failed', 3],
    ]);
    for (const e of hv2Events) expect(e.data.error).toMatch(/^agent hv-2 unreachable at .*: ECONNREFUSED$/);
    const times = hv2Events.map((e) => Date.parse(e.data.at));
    const gaps = [times[1] - times[0], times[2] - times[1]];
    console.log(`hv-2 retries: waited ${gaps[0]} ms before attempt 2, ${gaps[1]} ms before attempt 3`);
    expect(gaps[0]).toBeGreaterThanOrEqual(50);
    expect(gaps[1]).toBeGreaterThanOrEqual(100);
    expect(gaps[1]).toBeGreaterThanOrEqual(gaps[0] - 150);
  });

  it('refuses a member\'s retry (403, nothing written) and a retry of a succeeded operation (409)', async () => {
    const before = await eventsOf(sys.operator, failedOpId);
    const opBefore = (await sys.http.get(`/v1/operations/${failedOpId}`)).body;

    const byMember = await sys.http.post(`/v1/operations/${failedOpId}/retry`);
    expect(byMember.status).toBe(403);
    expect(byMember.body).toMatchObject({ type: 'forbidden', status: 403 });
    expect(byMember.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await sys.http.get(`/v1/operations/${failedOpId}`)).body).toEqual(opBefore);
    expect(await eventsOf(sys.operator, failedOpId)).toEqual(before);

    const ofSucceeded = await sys.operator.post(`/v1/operations/${createdOpId}/retry`);
    expect(ofSucceeded.status).toBe(409);
    expect(ofSucceeded.body).toMatchObject({ type: 'conflict', status: 409 });
    expect((await sys.http.get(`/v1/operations/${createdOpId}`)).body.status).toBe('succeeded');
  });

  it('an operator\'s retry while the agent is still down re-queues the target, which fails again', async () => {
    const stream = await openSse(sys.api.url, '/v1/notifications/stream');
    const retried = await sys.operator.post(`/v1/operations/${failedOpId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.headers.get('operation-location')).toBe(`/v1/operations/${failedOpId}`);
    expect(retried.body).toMatchObject({ id: failedOpId, status: 'queued', finishedAt: null });
    expect(targetOf(retried.body, 'hv-1')).toMatchObject({ status: 'succeeded' });
    expect(targetOf(retried.body, 'hv-2')).toMatchObject({ status: 'queued', error: null });

    const notes = await stream.waitFor('the retried operation to fail again', (events) => events.some((e) => e.data.id === failedOpId && e.data.status === 'failed'), 30_000);
    stream.close();
    expect(notes.filter((e) => e.data.id === failedOpId).map((e) => e.data.status)).toEqual(['queued', 'in-progress', 'failed']);

    // The retry is audited under the operator's name.
    const retryEvents = (await eventsOf(sys.operator, failedOpId)).filter((e) => e.type === 'operation.retry-requested');
    expect(retryEvents).toHaveLength(1);
    expect(retryEvents[0].data.hypervisorIds).toEqual(['hv-2']);
    expect(retryEvents[0].metadata).toMatchObject({ actor: expect.stringMatching(/^ops\/operator#/), tenant: 'demo' });
  });

  it('once the agent is back and converged, the failed operation succeeds by itself, with an event that says so', async () => {
    const agent = sys.agents.get('hv-2')!;
    const oldUrl = agent.url;
    const stream = await openSse(sys.api.url, '/v1/notifications/stream');
    await agent.restart();
    expect(agent.url).toBe(oldUrl);

    // No operator: the agent's resync at start-up (or the reconciler) brings hv-2 to a state
    // computed after the change, and the sync that confirms it settles the failed target.
    const notes = await stream.waitFor('the failed operation to succeed', (events) => events.some((e) => e.data.id === failedOpId && e.data.status === 'succeeded'), 30_000);
    stream.close();
    expect(notes.filter((e) => e.data.id === failedOpId).map((e) => e.data.status)).toEqual(['succeeded']);

    const done = (await sys.http.get(`/v1/operations/${failedOpId}`)).body;
    expect(done).toMatchObject({ status: 'succeeded', progress: { done: 2, total: 2 }, finishedAt: expect.any(String) });
    expect(done.message).toBe('Added 1 inbound rule to web; applied on 2 instances across 2 hypervisors');
    expect(targetOf(done, 'hv-2')).toMatchObject({ status: 'succeeded', error: null, appliedRevision: expect.any(Number) });

    // The audit trail says how: the target converged after it had failed, then the operation succeeded.
    const events = await eventsOf(sys.operator, failedOpId);
    const lastFailure = events.map((e) => e.type).lastIndexOf('operation.target.failed');
    const tail = events.slice(lastFailure + 1);
    expect(tail.map((e) => e.type)).toEqual(['operation.failed', 'operation.target.converged', 'operation.succeeded']);
    expect(tail[1].data).toMatchObject({ hypervisorId: 'hv-2', appliedRevision: targetOf(done, 'hv-2').appliedRevision });
    expect(tail[1].metadata).toMatchObject({ actor: 'system/propagation-worker', tenant: 'demo' });

    const state = await agent.state();
    expect(state.appliedRevision).toBeGreaterThanOrEqual(targetOf(done, 'hv-2').appliedRevision);
    expect(await rulesOn(sys, 'hv-2')).toContainEqual(
      expect.objectContaining({ id: ruleId, protocol: 'tcp', portRange: { from: 22, to: 22 }, remoteCidrs: ['203.0.113.0/24'] }),
    );

    const inSync = await eventually('both hypervisors in sync', async () => {
      const hvs = (await sys.operator.get('/v1/hypervisors')).body as any[];
      return hvs.length === 2 && hvs.every((h) => h.desiredRevision > 0 && h.appliedRevision === h.desiredRevision && h.lastError === null) ? hvs : undefined;
    });
    expect(inSync.map((h) => h.id).sort()).toEqual(['hv-1', 'hv-2']);

    // Done is done: a retry is a conflict.
    expect((await sys.operator.post(`/v1/operations/${failedOpId}/retry`)).status).toBe(409);
  });
});
