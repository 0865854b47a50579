import fc from 'fast-check';
import { KEYS, startApi, StartedApi } from '../support/api';
import { FuzzCase, fuzzCase, toRequest } from '../support/api-fuzz/fuzz-case';
import { FuzzWorld } from '../support/api-fuzz/fuzz-world';
import { JsonObject, operationsOf, OperationAt } from '../support/api-fuzz/openapi-checks';
import { Histogram, problemOf } from '../support/api-fuzz/problem-check';
import { RawRequest, sendRaw } from '../support/api-fuzz/raw-http';
import { IdKind, nameOf, WRITE_ENDPOINTS, WriteEndpoint } from '../support/api-fuzz/write-endpoints';
import { agentCredential } from '../../libs/protocol/src/agent-credential';
import { DEV_AGENT_TOKEN } from '../../libs/protocol/src/agent-token';
import { recordFigures } from './support/figures';

/** Mutated bodies, ids and headers on every write endpoint, each from its rightful caller. */
const WRITE_RUNS_PER_ENDPOINT = Number(process.env.HOSTILE_WRITE_RUNS ?? 100);
/** Then every operation of the OpenAPI document from callers with no right to it, this many requests in all (at least). */
const FOREIGN_REQUESTS = Number(process.env.HOSTILE_FOREIGN_REQUESTS ?? 8_400);
const AT_ONCE = 10;

/** The callers with no right to a request: no key, keys that are no keys, another tenant, a member on an operator's endpoint, an agent on a tenant's. */
const NO_KEY: Record<string, string>[] = [
  {},
  { authorization: 'Bearer ' },
  { authorization: 'Bearer not-a-key' },
  { authorization: `Bearer ${KEYS.member}x` },
  { authorization: `Basic ${Buffer.from(`${KEYS.member}:`).toString('base64')}` },
  { authorization: `bearer ${KEYS.operator.toUpperCase()}` },
  { authorization: `Bearer ${'k'.repeat(4_000)}` },
  { 'x-api-key': KEYS.operator },
];

const KIND_OF_COLLECTION: Record<string, IdKind> = { vpcs: 'vpc', instances: 'instance', 'security-groups': 'group', operations: 'operation', hypervisors: 'hypervisor' };

/** An operation of the document as the fuzz's endpoint shape: its path parameters named by kind. */
function asEndpoint(op: OperationAt): WriteEndpoint {
  const collection = op.path.split('/')[2] ?? '';
  const params = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => (name === 'ruleId' ? 'rule' : (KIND_OF_COLLECTION[collection] ?? 'vpc')));
  const known = WRITE_ENDPOINTS.find((e) => e.method === op.method && e.template === op.path);
  return { method: op.method as WriteEndpoint['method'], template: op.path, params, who: 'member', body: known?.body };
}

/**
 * At least 10,000 generated hostile requests over every endpoint: no 5xx, every error a problem,
 * nothing written by any refused request, and no other tenant's id in any answer to tenant acme.
 * The fuzz's generators (test/support/api-fuzz) at volume, with hostile callers added.
 */
describe('generated hostile requests over every endpoint', () => {
  let api: StartedApi;
  let world: FuzzWorld;
  let operations: OperationAt[];
  const histogram = new Histogram();

  beforeAll(async () => {
    api = await startApi();
    world = new FuzzWorld(api);
    await world.prepare();
    operations = operationsOf((await (await fetch(`${api.url}/docs-json`)).json()) as JsonObject);
  }, 120_000);
  afterAll(async () => {
    console.log(`hostile requests:\n${histogram.report()}`);
    await api?.close();
  });

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
  const shown = (req: RawRequest) => `${req.method} ${req.path.slice(0, 200)} ${JSON.stringify(req.headers).slice(0, 200)} ${String(req.body).slice(0, 200)}`;

  it('answers none with a 5xx and writes nothing for any it refuses', async () => {
    const started = Date.now();
    const failures: string[] = [];
    const fail = (message: string) => {
      if (failures.length < 20) failures.push(message);
    };
    let refusedWrites = 0;
    let accepted = 0;

    // 1. Every write endpoint from its rightful caller, with generated bodies, ids and headers; one
    // at a time, so each refusal is checked to have appended no event.
    for (const endpoint of WRITE_ENDPOINTS) {
      for (const c of fc.sample(fuzzCase(endpoint), WRITE_RUNS_PER_ENDPOINT)) {
        const req = toRequest(endpoint, c, world);
        const before = await eventCount();
        const reply = await sendRaw(api.url, req);
        const after = await eventCount();
        histogram.add(nameOf(endpoint), reply.status);
        const wrong = problemOf(reply);
        if (wrong) fail(`${shown(req)}\n→ ${wrong}`);
        if (reply.status >= 400 && after !== before) {
          refusedWrites++;
          fail(`${shown(req)}\n→ ${reply.status}, yet ${after - before} event(s) were appended`);
        }
        if (reply.status < 300) {
          accepted++;
          if (endpoint.consumes) await world.heal();
        }
      }
    }
    const writeRequests = histogram.total;

    // 2. Every operation of the OpenAPI document from a caller with no right to it, several at a
    // time: no such request may write, so the event count must not move at all.
    const demoIds = () => [world.vpcId, world.groupId, world.instanceId, world.referencedGroupId, world.failedOperationId, ...world.ruleIds];
    const isOperatorOnly = (op: OperationAt) => /member key/i.test(String((op.op.responses as JsonObject | undefined)?.['403'] && ((op.op.responses as JsonObject)['403'] as JsonObject).description));
    const hostile: { op: OperationAt; endpoint: WriteEndpoint; who: 'nobody' | 'acme' | 'member' | 'agent' }[] = [];
    for (const op of operations) {
      const endpoint = asEndpoint(op);
      hostile.push({ op, endpoint, who: 'nobody' });
      // Another tenant, on this tenant's resources.
      if (endpoint.params.length > 0 && op.path.startsWith('/v1/') && !op.path.startsWith('/v1/hypervisors')) hostile.push({ op, endpoint, who: 'acme' });
      if (isOperatorOnly(op)) hostile.push({ op, endpoint, who: 'member' });
      // An agent's credential opens its own registration and resync, nothing of a tenant's.
      if (op.path.startsWith('/v1/') && !op.path.startsWith('/v1/hypervisors')) hostile.push({ op, endpoint, who: 'agent' });
    }
    const perKind = Math.ceil(FOREIGN_REQUESTS / hostile.length);
    const requests: { req: RawRequest; name: string; who: string }[] = [];
    for (const h of hostile) {
      for (const [i, c] of fc.sample(fuzzCase(h.endpoint), perKind).entries()) {
        const aimed: FuzzCase = h.who === 'acme' ? { ...c, params: c.params.map(() => ({ kind: 'own' as const })) } : c;
        const req = toRequest(h.endpoint, h.op.method === 'GET' || h.op.method === 'HEAD' ? { ...aimed, body: { kind: 'none' } } : aimed, world);
        delete req.headers.authorization;
        const identity =
          h.who === 'nobody' ? NO_KEY[i % NO_KEY.length]
          : h.who === 'acme' ? { authorization: `Bearer ${KEYS.otherTenant}` }
          : h.who === 'member' ? { authorization: `Bearer ${KEYS.member}` }
          : { authorization: `Bearer ${agentCredential(DEV_AGENT_TOKEN, world.hypervisorIds[0])}` };
        requests.push({ req: { ...req, headers: { ...req.headers, ...identity } }, name: `${h.op.method} ${h.op.path} as ${h.who}`, who: h.who });
      }
    }
    const publicAnswers = new Set<string>();
    const eventsBefore = await eventCount();
    for (let i = 0; i < requests.length; i += AT_ONCE) {
      const batch = requests.slice(i, i + AT_ONCE);
      // A bound on each answer: a stream opened to a caller with no right to it would never end.
      const replies = await Promise.all(batch.map(({ req }) => sendRaw(api.url, req, 30_000).catch((error: Error) => error)));
      replies.forEach((reply, j) => {
        const { req, name, who } = batch[j];
        if (reply instanceof Error) return fail(`${shown(req)}\n→ no whole answer: ${reply.message}`);
        histogram.add(name, reply.status);
        const wrong = problemOf(reply);
        if (wrong) fail(`${shown(req)}\n→ ${wrong}`);
        // Public answers (health, the console) are fine for anyone; nothing of /v1 is.
        if (reply.status < 300) {
          if (req.path.startsWith('/v1/')) fail(`${shown(req)}\n→ ${reply.status} for a caller with no right to it (${who})`);
          else publicAnswers.add(name.replace(/ as .*/, ''));
        }
        if (who === 'acme') {
          // An id the caller sent itself (in the path or the body) may come back in the answer
          // (a problem naming the bad value): that tells it nothing about the other tenant.
          const sent = `${req.path} ${String(req.body ?? '')}`;
          const leaked = demoIds().filter((id) => id && !sent.includes(id) && reply.text.includes(id));
          if (leaked.length > 0) fail(`${shown(req)}\n→ ${reply.status} shows tenant demo's ${leaked.join(', ')}`);
        }
      });
      if ((i / AT_ONCE) % 25 === 0 || i + AT_ONCE >= requests.length) {
        const now = await eventCount();
        if (now !== eventsBefore) {
          refusedWrites += now - eventsBefore;
          fail(`${now - eventsBefore} event(s) appended by hostile requests among #${i - 25 * AT_ONCE}–#${i + AT_ONCE}: ${batch.map((b) => b.name).join('; ')}`);
          break;
        }
      }
    }
    const foreignRequests = histogram.total - writeRequests;
    const fiveXx = histogram.statuses().filter((s) => s >= 500).length;

    recordFigures('hostile-requests', {
      order: 7,
      scenario: 'Generated hostile requests over every endpoint',
      load: `one client; the hostile callers ${AT_ONCE} requests at a time`,
      faults: `generated bodies, ids and headers (test/support/api-fuzz) on all ${WRITE_ENDPOINTS.length} write endpoints; then all ${operations.length} operations of the OpenAPI document as no key (8 forged kinds), another tenant, a member on operator endpoints, an agent on tenant endpoints`,
      inputs: `${histogram.total} requests (${writeRequests} on the write endpoints, ${foreignRequests} from callers with no right)`,
      lost: null,
      twice: null,
      notes: `${fiveXx} distinct 5xx statuses; ${refusedWrites} events written by refused or hostile requests; no /v1 answer below 400 to a caller with no right (public: ${[...publicAnswers].join(', ') || 'none'}); ${accepted} generated bodies were valid and accepted (the rightful caller's writes); statuses ${histogram.statuses().sort((a, b) => a - b).join(', ')}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });

    expect(failures).toEqual([]);
    expect(refusedWrites).toBe(0);
    expect(histogram.total).toBeGreaterThanOrEqual(10_000);
    expect(histogram.statuses().filter((s) => s >= 500)).toEqual([]);
    // Every endpoint was reached, and the fuzz got past validation (not every answer a 400).
    for (const op of operations) expect({ op: `${op.method} ${op.path}`, reached: histogram.count(`${op.method} ${op.path} as nobody`) > 0 }).toEqual({ op: `${op.method} ${op.path}`, reached: true });
    expect(accepted).toBeGreaterThan(0);
  }, 600_000);
});
