import { RedisServer, startRedisServer, stopAllRedisServers } from '../../support/redis-server';
import { eventually, groupOnTwoHypervisors, settled, startSystem, System } from '../../support/system';
import { spawnWorker, stopAllWorkers, WorkerProcess } from '../../support/worker-process';

interface Operation {
  id: string;
  status: 'queued' | 'in-progress' | 'succeeded' | 'failed';
}

const HYPERVISORS = ['hv-1', 'hv-2'];
const OUTAGE_PORTS = [8001, 8002, 8003, 8004, 8005];
// After the outage the worker's connections come back on ioredis's reconnect backoff (up to 2 s),
// then the syncs run; a busy 2-core machine may stretch that.
const RECOVERY_TIMEOUT_MS = 60_000;

/**
 * Redis is where the sync jobs live, not where changes are recorded: the API writes only to
 * Postgres, and the worker's relay reads the events table as its outbox. So Redis going away, and
 * coming back without any of its data, must lose nothing the API accepted. A private Redis (the
 * machine's shared one serves other test files) and the worker as a process of its own.
 */
describe('Redis going away and coming back empty', () => {
  let redis: RedisServer;
  let sys: System;
  let worker: WorkerProcess;
  let groupId: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    sys = await startSystem({ agents: HYPERVISORS, worker: false, env: { REDIS_URL: redis.url, RECONCILE_INTERVAL_MS: '3600000' } });
    worker = await spawnWorker(sys.env);
    const setup = await groupOnTwoHypervisors(sys.http, sys.operator, 'outage', 'web');
    groupId = setup.groupId;
  }, 120_000);

  afterAll(async () => {
    await stopAllWorkers();
    await sys?.close();
    await stopAllRedisServers();
  });

  const operation = async (id: string): Promise<Operation> => (await sys.http.get<Operation>(`/v1/operations/${id}`)).body;
  const finished = (id: string, timeoutMs: number): Promise<Operation> => settled(sys.http, id, timeoutMs, 200);
  const addRule = (port: number) =>
    sys.http.post(`/v1/security-groups/${groupId}/rules`, {
      rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(port), ipVersion: 'IPv4', remote: ['198.51.100.0/24'] }],
    });
  const enforcedRules = async (hv: string) => {
    const state = await sys.agents.get(hv)!.state();
    return state.ports.flatMap((p) => p.groups.filter((g) => g.groupId === groupId).flatMap((g) => g.rules));
  };
  /** A worker that never catches up fails the test with what it said. */
  const explained = <T>(waiting: Promise<T>): Promise<T> =>
    waiting.catch((error: Error) => {
      throw new Error(`${error.message}\nThe worker's output:\n${worker.output()}`);
    });
  const readiness = async () => {
    const res = await sys.http.as('nobody').get('/health/ready');
    return { code: res.status, status: res.body.status, redis: res.body.checks?.redis?.status };
  };

  it('Redis restarted and flushed while the API accepts changes: once Redis is back every accepted change reaches the agents', async () => {
    // Before: a change goes all the way through.
    const baseline = await addRule(7000);
    expect(baseline.status).toBe(202);
    expect((await finished(baseline.body.operation.id, 30_000)).status).toBe('succeeded');
    const baselineRuleId: string = baseline.body.inboundRules.find((r: { portRange: { from: number } }) => r.portRange.from === 7000).id;
    for (const hv of HYPERVISORS) expect((await enforcedRules(hv)).map((r) => r.id)).toContain(baselineRuleId);

    await redis.stop();
    expect(redis.running).toBe(false);

    // The API keeps accepting changes: they are recorded in Postgres and wait there.
    const accepted: { id: string; ruleId: string; port: number }[] = [];
    for (const port of OUTAGE_PORTS) {
      const res = await addRule(port);
      expect(res.status).toBe(202);
      expect(res.body.operation.status).toBe('queued');
      accepted.push({ id: res.body.operation.id, port, ruleId: res.body.inboundRules.find((r: { portRange: { from: number } }) => r.portRange.from === port).id });
    }
    const removed = await sys.http.delete(`/v1/security-groups/${groupId}/rules/${baselineRuleId}`);
    expect(removed.status).toBe(202);
    const operationIds = [...accepted.map((a) => a.id), removed.body.operation.id];

    // Readiness tells operators Redis is down, yet stays 200: the API is still serving.
    expect(await eventually('readiness to report Redis down', async () => {
      const ready = await readiness();
      return ready.redis === 'down' ? ready : undefined;
    }, 15_000, 200)).toEqual({ code: 200, status: 'degraded', redis: 'down' });

    // The relay has read these changes from the outbox while Redis was away (it announced the
    // first one as queued), so it has tried to add their sync jobs, and failed.
    await eventually('the relay to have announced the first change of the outage', async () => {
      const notified = (await sys.http.get<{ operation: Operation }[]>('/v1/notifications?after=0&limit=1000')).body;
      return notified.some((n) => n.operation.id === accepted[0].id) ? true : undefined;
    }, 15_000, 200);
    for (const id of operationIds) expect((await operation(id)).status).toBe('queued');
    // Nor has it moved its checkpoint past them: the jobs Redis never got are still to be sent.
    // (The reconciler would repair a lost job too, but only on its next pass and only when the
    // desired state changed; the relay's checkpoint is the guarantee.)
    const [{ passed }] = await sys.api.db.dataSource.query(
      `SELECT count(*)::int AS passed FROM events e JOIN checkpoints c ON c.name = 'propagation-relay'
        WHERE e.stream_id = ANY($1) AND (e.transaction_id, e.position) <= (c.transaction_id, c.position)`,
      [operationIds],
    );
    expect(passed).toBe(0);

    // Redis comes back as a new, empty server. (Should a job the relay re-sends reach it before
    // the FLUSHALL, that job is lost after Redis acknowledged it: the reconciler's to repair.)
    await redis.start();
    await redis.flushAll();
    expect(await eventually('readiness to report Redis up', async () => {
      const ready = await readiness();
      return ready.redis === 'up' ? ready : undefined;
    }, 15_000, 200)).toEqual({ code: 200, status: 'ready', redis: 'up' });

    const final = await explained(Promise.all(operationIds.map((id) => finished(id, RECOVERY_TIMEOUT_MS))));
    expect(final.filter((op) => op.status !== 'succeeded')).toEqual([]);
    const group = (await sys.http.get(`/v1/security-groups/${groupId}`)).body;
    const expected = [...group.inboundRules, ...group.outboundRules].map((r: { id: string }) => r.id).sort();
    expect(expected).toEqual(expect.arrayContaining(accepted.map((a) => a.ruleId)));
    expect(expected).not.toContain(baselineRuleId);
    for (const hv of HYPERVISORS) {
      expect({ hv, rules: (await enforcedRules(hv)).map((r) => r.id).sort() }).toEqual({ hv, rules: expected });
    }
    await eventually('applied = desired on every hypervisor', async () => {
      const list = (await sys.operator.get('/v1/hypervisors')).body as { desiredRevision: number; appliedRevision: number }[];
      return list.length === 2 && list.every((h) => h.appliedRevision === h.desiredRevision) ? true : undefined;
    }, 30_000, 200);
  }, RECOVERY_TIMEOUT_MS + 120_000);

  it('a change after the outage propagates as usual', async () => {
    const res = await addRule(9000);
    expect(res.status).toBe(202);
    expect((await finished(res.body.operation.id, 30_000)).status).toBe('succeeded');
    const ruleId = res.body.inboundRules.find((r: { portRange: { from: number } }) => r.portRange.from === 9000).id;
    for (const hv of HYPERVISORS) expect((await enforcedRules(hv)).map((r) => r.id)).toContain(ruleId);
  });
});
