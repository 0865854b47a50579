import fc from 'fast-check';
import { startApi, StartedApi } from '../../support/api';
import { FuzzCase, fuzzCase, toRequest } from '../../support/api-fuzz/fuzz-case';
import { FuzzWorld } from '../../support/api-fuzz/fuzz-world';
import { Histogram, problemOf } from '../../support/api-fuzz/problem-check';
import { bearer, sendRaw } from '../../support/api-fuzz/raw-http';
import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { DEV_AGENT_TOKEN } from '../../../libs/protocol/src/agent-token';
import { nameOf, WRITE_ENDPOINTS, WriteEndpoint } from '../../support/api-fuzz/write-endpoints';

/** 19 endpoints × 56 runs ≥ 1,000 requests in about 10 s on 2 cores; FUZZ_RUNS_PER_ENDPOINT searches longer. */
const RUNS_PER_ENDPOINT = Number(process.env.FUZZ_RUNS_PER_ENDPOINT ?? 56);

/** The reads that take an id, for the sweep of ids of the wrong kind. */
const ID_READS: { method: string; template: string }[] = [
  '/v1/vpcs/{id}', '/v1/instances/{id}', '/v1/instances/{id}/effective-rules', '/v1/security-groups/{id}', '/v1/security-groups/{id}/events',
  '/v1/security-groups/{id}/history?version=1', '/v1/operations/{id}', '/v1/hypervisors/{id}',
].map((template) => ({ method: 'GET' as const, template }));

describe('every write endpoint survives generated and mutated bodies', () => {
  let api: StartedApi;
  let world: FuzzWorld;
  const histogram = new Histogram();

  beforeAll(async () => {
    api = await startApi();
    world = new FuzzWorld(api);
    await world.prepare();
  });
  afterAll(async () => {
    console.log(`fuzz of the write endpoints:\n${histogram.report()}`);
    await api.close();
  });

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;

  /** Sends one case; the answer is not a 5xx, errors are problem+json, and a 4xx wrote no event. */
  async function check(endpoint: WriteEndpoint, c: FuzzCase): Promise<void> {
    const req = toRequest(endpoint, c, world);
    const before = await eventCount();
    const reply = await sendRaw(api.url, req);
    const after = await eventCount();
    histogram.add(nameOf(endpoint), reply.status);
    const shown = `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 300)} ${String(req.body).slice(0, 300)}`;
    const wrong = problemOf(reply);
    if (wrong) throw new Error(`${shown}\n→ ${wrong}`);
    if (reply.status >= 400 && after !== before) throw new Error(`${shown}\n→ ${reply.status} ${reply.text.slice(0, 200)}, yet ${after - before} event(s) were appended`);
    if (reply.status < 300 && endpoint.consumes) await world.heal();
  }

  // Before the fuzz: it may register hypervisors under any name (their ids are the caller's to choose).
  it('answers ids of another kind of resource with 404, never by reading them as this kind', async () => {
    const ids = [...world.strangerIds, world.defaultGroupId, world.referencedGroupId, `hypervisor:${world.hypervisorIds[0]}`];
    const endpoints = [...WRITE_ENDPOINTS.filter((e) => e.params.length > 0), ...ID_READS];
    const failures: string[] = [];
    const kindOf = (template: string) => ({ vpcs: 'vpc-', instances: 'i-', 'security-groups': 'sg-', operations: 'op-' })[template.split('/')[2]] ?? 'hv-';
    for (const e of endpoints) {
      for (const id of ids.filter((i) => !i.startsWith(kindOf(e.template)))) {
        const path = e.template.replace('{id}', encodeURIComponent(id)).replace('{ruleId}', encodeURIComponent(world.ruleIds[0]));
        // Registering is the agent's own (with its credential for that id); everything else an operator's.
        const auth = 'who' in e && e.who === 'agent' ? { authorization: `Bearer ${agentCredential(DEV_AGENT_TOKEN, id)}` } : bearer('operator');
        const reply = await sendRaw(api.url, { method: e.method, path, headers: { ...auth, 'content-type': 'application/json' }, body: e.method === 'GET' ? undefined : '{}' });
        const wrong = problemOf(reply) ?? (reply.status === 404 || reply.status === 400 ? null : `${reply.status}, expected 404 (or 400 for the body)`);
        if (wrong) failures.push(`${e.method} ${path} → ${wrong}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers a request line over 16 KiB with problem+json, not a bare status line', async () => {
    const reply = await sendRaw(api.url, { method: 'DELETE', path: `/v1/vpcs/${'%F0%9F%94%A5'.repeat(2_000)}`, headers: bearer('member') });
    expect(reply.status).toBe(431);
    expect(problemOf(reply)).toBeNull();
    expect(reply.json).toMatchObject({ type: 'headers-too-large', status: 431 });
  });

  it('refuses a "__proto__" tag rather than dropping it, and keeps tags named like object internals', async () => {
    const headers = { ...bearer('member'), 'content-type': 'application/json' };
    const proto = await sendRaw(api.url, { method: 'POST', path: '/v1/security-groups', headers, body: `{"vpcId": "${world.vpcId}", "tags": {"__proto__": "x"}}` });
    expect(proto.status).toBe(400);
    expect(proto.json).toMatchObject({ errors: [{ path: 'tags.__proto__' }] });
    const internals = await sendRaw(api.url, { method: 'POST', path: '/v1/security-groups', headers, body: `{"vpcId": "${world.vpcId}", "tags": {"constructor": "x", "toString": "y"}}` });
    expect(internals.status).toBe(201);
    expect(internals.json).toMatchObject({ tags: { constructor: 'x', toString: 'y' } });
  });

  it.each(WRITE_ENDPOINTS.map((e) => [nameOf(e), e] as const))('%s', async (_, endpoint) => {
    await fc.assert(
      fc.asyncProperty(fuzzCase(endpoint), (c) => check(endpoint, c)),
      // No shrinking: each run changes the world it runs in, so a shrunk case would not replay the failure.
      { numRuns: RUNS_PER_ENDPOINT, endOnFailure: true },
    );
    expect(histogram.count(nameOf(endpoint))).toBeGreaterThanOrEqual(RUNS_PER_ENDPOINT);
  });

  it('sent at least 1,000 requests, and they reached past validation', () => {
    expect(histogram.total).toBeGreaterThanOrEqual(1_000);
    // Mutations that leave a body valid must get through: a fuzz that only ever sees 400 tests the parser alone.
    expect(histogram.statuses().some((s) => s >= 200 && s < 300)).toBe(true);
    expect(histogram.statuses()).toEqual(expect.arrayContaining([400, 404, 409]));
  });
});
