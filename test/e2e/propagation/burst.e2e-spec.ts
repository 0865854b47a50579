import { randomBytes } from 'node:crypto';
import { AgentProcess, spawnAgent, stopAllAgents } from '../../support/agent-process';
import { client, Client, KEYS, TEST_API_KEYS } from '../../support/api';
import { eventually, FAST_PROPAGATION, groupOnTwoHypervisors } from '../../support/system';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { spawnApi, spawnWorker, stopAllWorkers } from '../../support/worker-process';

const CHANGES = 200;
const CONCURRENCY = 20;

/** Runs `task` for 0 … count-1 with at most `width` in flight; results in index order. */
async function pool<T>(count: number, width: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await task(i);
    }
  };
  await Promise.all(Array.from({ length: width }, lane));
  return results;
}

/** Every page of a list endpoint, following Next-Cursor. */
async function listAll(http: Client, path: string): Promise<any[]> {
  const all: any[] = [];
  let url = `${path}${path.includes('?') ? '&' : '?'}limit=1000`;
  for (;;) {
    const res = await http.get(url);
    if (res.status !== 200) throw new Error(`GET ${url} answered ${res.status}: ${res.text}`);
    all.push(...res.body);
    const cursor = res.headers.get('next-cursor');
    if (!cursor) return all;
    url = `${path}${path.includes('?') ? '&' : '?'}limit=1000&cursor=${cursor}`;
  }
}

/** Every operation of every tenant finished: nothing queued or in progress anywhere. */
const allSettled = async (operator: Client) =>
  (await listAll(operator, '/v1/operations?status=queued')).length === 0 && (await listAll(operator, '/v1/operations?status=in-progress')).length === 0 ? true : undefined;

/**
 * A burst of changes to one group: the per-hypervisor sync jobs coalesce (one waiting job per
 * hypervisor, the state computed when it runs), so each agent ends with the final state after far
 * fewer pushes than changes.
 */
describe('a burst of changes to one group', () => {
  let sys: { http: Client; operator: Client; agents: Map<string, AgentProcess> };
  let db: TestDatabase;
  let groupId: string;

  beforeAll(async () => {
    // API and worker as their own processes, as deployed: in the test's process they would share
    // its event loop with the 200 requests, and the figures would measure that instead.
    db = await createTestDatabase();
    const env = { ...FAST_PROPAGATION, DATABASE_URL: db.url, API_KEYS: TEST_API_KEYS, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}` };
    const api = await spawnApi(env);
    await spawnWorker(env);
    const agents = new Map<string, AgentProcess>();
    for (const id of ['hv-1', 'hv-2']) agents.set(id, await spawnAgent({ id, apiUrl: api.url!, apiKey: KEYS.operator }));
    sys = { http: client(api.url!), operator: client(api.url!, 'operator'), agents };
    const setup = await groupOnTwoHypervisors(sys.http, sys.operator, 'burst', 'inference');
    groupId = setup.groupId;
  });
  afterAll(async () => {
    await stopAllAgents();
    await stopAllWorkers();
    await db.drop();
  });

  it(`${CHANGES} changes to one group: every agent ends with the final state, after far fewer than ${CHANGES} pushes`, async () => {
    // Quiet first (the agents' own start-up resyncs included), so the counters below count the burst only.
    await eventually('the start-up syncs to finish', () => allSettled(sys.operator), 30_000);
    const pushesBefore = new Map<string, number>();
    for (const [id, agent] of sys.agents) pushesBefore.set(id, (await agent.state()).pushes);

    const started = Date.now();
    const replies = await pool(CHANGES, CONCURRENCY, (i) =>
      sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(10_000 + i), remote: ['198.51.100.0/24'] }] }),
    );
    const elapsed = Date.now() - started;
    console.log(`${CHANGES} rule additions (${CONCURRENCY} at a time) accepted in ${elapsed} ms`);
    expect(replies.map((r) => r.status)).toEqual(new Array(CHANGES).fill(202));
    const operationIds = new Set(replies.map((r) => r.body.operation.id as string));
    expect(operationIds.size).toBe(CHANGES);

    const settledAt = await eventually('every operation of the burst to finish', async () => {
      const open = [
        ...(await listAll(sys.http, `/v1/operations?resourceId=${groupId}&status=queued`)),
        ...(await listAll(sys.http, `/v1/operations?resourceId=${groupId}&status=in-progress`)),
      ];
      return open.length === 0 ? Date.now() : undefined;
    }, 120_000, 250);
    console.log(`all ${CHANGES} operations finished ${settledAt - started} ms after the first request`);
    const succeeded = new Set((await listAll(sys.http, `/v1/operations?resourceId=${groupId}&status=succeeded`)).map((op) => op.id));
    expect([...operationIds].filter((id) => !succeeded.has(id))).toEqual([]);
    expect(await listAll(sys.http, `/v1/operations?resourceId=${groupId}&status=failed`)).toEqual([]);

    const group = (await sys.http.get(`/v1/security-groups/${groupId}`)).body;
    const finalRuleIds = [...group.inboundRules, ...group.outboundRules].map((r: { id: string }) => r.id).sort();
    expect(finalRuleIds).toHaveLength(CHANGES);
    // Read-your-writes: each answer shows its own rule, and every one of them is in the final set.
    const addedIds = replies.map((r, i) => r.body.inboundRules.find((rule: any) => rule.portRange?.from === 10_000 + i)?.id);
    expect([...addedIds].sort()).toEqual(finalRuleIds);

    for (const [id, agent] of sys.agents) {
      const state = await agent.state();
      const port = state.ports.find((p) => p.groups.some((g) => g.groupId === groupId));
      expect(port).toBeDefined();
      const enforced = port!.groups.find((g) => g.groupId === groupId)!.rules.map((r) => r.id).sort();
      expect(enforced).toEqual(finalRuleIds);
      const pushes = state.pushes - pushesBefore.get(id)!;
      console.log(`${id} received ${pushes} pushes for ${CHANGES} changes`);
      expect(pushes).toBeGreaterThanOrEqual(1);
      expect(pushes).toBeLessThan(50);
    }

    const hypervisors = (await sys.operator.get('/v1/hypervisors')).body as any[];
    for (const hv of hypervisors) expect(hv.appliedRevision).toBe(hv.desiredRevision);
  });
});
