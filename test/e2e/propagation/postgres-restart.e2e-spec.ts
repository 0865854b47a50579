import { randomBytes } from 'node:crypto';
import { AgentProcess, spawnAgent, stopAllAgents } from '../../support/agent-process';
import { client, Client, KEYS, TEST_API_KEYS } from '../../support/api';
import { eventually, FAST_PROPAGATION, groupOnTwoHypervisors, settled } from '../../support/system';
import { proxyToDatabase, TcpProxy } from '../../support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { spawnApi, spawnWorker, stopAllWorkers, WorkerProcess } from '../../support/worker-process';

const OUTAGE_MS = 3_000;

/**
 * Postgres going away and coming back under the running system, as a restart or a failover does:
 * every connection of the API and the worker is cut (the relay's LISTEN session and its leader
 * lock included), new ones are refused for a while, then accepted again. The API and the worker
 * reach the test's database through a proxy the test cuts; the shared server is not touched.
 */
describe('Postgres restarting under the running system', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let worker: WorkerProcess;
  let http: Client;
  let operator: Client;
  let agents: Map<string, AgentProcess>;
  let groupId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const proxied = await proxyToDatabase(db.url);
    proxy = proxied.proxy;
    const env = { ...FAST_PROPAGATION, DATABASE_URL: proxied.url, API_KEYS: TEST_API_KEYS, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}` };
    const api = await spawnApi(env);
    worker = await spawnWorker(env);
    agents = new Map();
    for (const id of ['hv-1', 'hv-2']) agents.set(id, await spawnAgent({ id, apiUrl: api.url!, apiKey: KEYS.operator }));
    http = client(api.url!);
    operator = client(api.url!, 'operator');
    groupId = (await groupOnTwoHypervisors(http, operator, 'pg-restart', 'web')).groupId;
  }, 60_000);

  afterAll(async () => {
    await stopAllAgents();
    await stopAllWorkers();
    await proxy?.close();
    await db?.drop();
  });

  const addRule = (port: number) =>
    http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(port), remote: ['198.51.100.0/24'] }] });

  it('every change accepted before and after the outage reaches the agents; none is accepted during it', async () => {
    // Changes accepted right before the cut: their propagation is under way when Postgres goes.
    const before = await Promise.all([1, 2, 3, 4, 5].map((n) => addRule(10_000 + n)));
    expect(before.map((r) => r.status)).toEqual([202, 202, 202, 202, 202]);

    await proxy.cut();
    const during = await addRule(20_000);
    expect([during.status, during.body.type]).toEqual([503, 'unavailable']);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await proxy.restore();

    const after = await eventually('the API to accept changes again', async () => {
      const res = await addRule(30_000);
      return res.status === 202 ? res : undefined;
    });
    const more = await Promise.all([1, 2, 3].map((n) => addRule(30_000 + n)));
    expect(more.map((r) => r.status)).toEqual([202, 202, 202]);

    const accepted = [...before, after, ...more];
    const final = await Promise.all(accepted.map((r) => settled(http, r.body.operation.id, 60_000))).catch((error: Error) => {
      throw new Error(`${error.message}\nThe worker's output:\n${worker.output()}`);
    });
    expect(final.map((op) => op.status)).toEqual(accepted.map(() => 'succeeded'));
    // The outage was not the agents' doing: no target spent a second attempt on it.
    for (const op of final) expect(op.targets.map((t: { attempts: number; error: string | null }) => [t.attempts, t.error])).toEqual([[1, null], [1, null]]);

    const group = (await http.get(`/v1/security-groups/${groupId}`)).body;
    const ports = group.inboundRules.map((r: { portRange: { from: number } }) => r.portRange.from).sort((a: number, b: number) => a - b);
    expect(ports).toEqual([10_001, 10_002, 10_003, 10_004, 10_005, 30_000, 30_001, 30_002, 30_003]);
    const expected = [...group.inboundRules, ...group.outboundRules].map((r: { id: string }) => r.id).sort();
    for (const [hv, agent] of agents) {
      const state = await agent.state();
      const enforced = state.ports.flatMap((p) => p.groups.filter((g) => g.groupId === groupId).flatMap((g) => g.rules.map((r) => r.id)));
      expect({ hv, rules: enforced.sort() }).toEqual({ hv, rules: expected });
    }
    await eventually('applied = desired on every hypervisor', async () => {
      const list = (await operator.get('/v1/hypervisors')).body as { desiredRevision: number; appliedRevision: number }[];
      return list.length === 2 && list.every((h) => h.appliedRevision === h.desiredRevision) ? true : undefined;
    }, 30_000);
  }, 120_000);
});
