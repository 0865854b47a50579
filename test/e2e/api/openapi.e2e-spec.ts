import { KEYS, startApi, StartedApi } from '../../support/api';
import {
  checkOperations,
  checkRefs,
  checkSchemas,
  checkTopLevel,
  deref,
  JsonObject,
  operationsOf,
  propertiesWithoutExamples,
} from '../../support/api-fuzz/openapi-checks';

/** Every endpoint of the /v1 contract, as (method, path template). */
const API_MD = [
  'GET /health', 'GET /health/ready', 'GET /metrics', 'GET /v1/queues', 'GET /v1/queues/{name}/jobs',
  'POST /v1/vpcs', 'GET /v1/vpcs', 'GET /v1/vpcs/{id}', 'DELETE /v1/vpcs/{id}',
  'PUT /v1/hypervisors/{id}', 'GET /v1/hypervisors', 'POST /v1/hypervisors/{id}/resync',
  'POST /v1/instances', 'GET /v1/instances', 'GET /v1/instances/{id}', 'DELETE /v1/instances/{id}', 'PATCH /v1/instances/{id}',
  'GET /v1/instances/{id}/effective-rules', 'POST /v1/instances/{id}/flow-check',
  'POST /v1/security-groups', 'GET /v1/security-groups', 'GET /v1/security-groups/{id}', 'PATCH /v1/security-groups/{id}', 'DELETE /v1/security-groups/{id}',
  'POST /v1/security-groups/{id}/rules', 'PUT /v1/security-groups/{id}/rules', 'DELETE /v1/security-groups/{id}/rules', 'DELETE /v1/security-groups/{id}/rules/{ruleId}',
  'PUT /v1/security-groups/{id}/applied-to', 'POST /v1/security-groups/{id}/applied-to', 'DELETE /v1/security-groups/{id}/applied-to',
  'GET /v1/security-groups/{id}/events', 'GET /v1/security-groups/{id}/history', 'GET /v1/security-groups/{id}/changes', 'GET /v1/events', 'GET /v1/events/export', 'GET /v1/audit/events',
  'GET /v1/operations', 'GET /v1/operations/{id}', 'POST /v1/operations/{id}/retry',
  'GET /v1/notifications', 'GET /v1/notifications/stream', 'POST /v1/notifications/tickets',
  'GET /v1/quotas/{tenant}', 'PUT /v1/quotas/{tenant}', 'DELETE /v1/quotas/{tenant}',
];

/** Writes that take no body: the id in the path says it all. */
const BODILESS = ['DELETE /v1/vpcs/{id}', 'DELETE /v1/instances/{id}', 'DELETE /v1/security-groups/{id}', 'DELETE /v1/security-groups/{id}/rules/{ruleId}', 'POST /v1/hypervisors/{id}/resync', 'POST /v1/operations/{id}/retry', 'POST /v1/notifications/tickets', 'DELETE /v1/quotas/{tenant}'];
/** A POST that asks rather than changes: no Idempotency-Key, If-Match or 422. */
const QUERIES_BY_POST = ['POST /v1/instances/{id}/flow-check', 'POST /v1/notifications/tickets'];
/** Writes that create: there is no version to match yet. */
const CREATIONS = ['POST /v1/vpcs', 'POST /v1/instances', 'POST /v1/security-groups', 'POST /v1/hypervisors/{id}/resync'];
/** Creates or updates a resource the caller names: never 404. */
const UPSERTS = ['PUT /v1/hypervisors/{id}', 'PUT /v1/quotas/{tenant}', 'DELETE /v1/quotas/{tenant}'];
const SWAGGER_ROUTES = /^\/docs(-json|-yaml|\/.*)?$/;
/** The OpenStack faces (Neutron's /v2.0, Keystone's /identity) follow OpenStack's API references, not this document (docs/openstack.md). */
const OPENSTACK_ROUTES = /^\/(v2\.0|identity)(\/|$)/;

describe('the OpenAPI document', () => {
  let api: StartedApi;
  let doc: JsonObject;

  beforeAll(async () => {
    api = await startApi();
    const res = await fetch(`${api.url}/docs-json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    doc = (await res.json()) as JsonObject;
  });
  afterAll(() => api.close());

  const ops = () => operationsOf(doc);
  const named = (o: { method: string; path: string }) => `${o.method} ${o.path}`;
  const isWrite = (o: { method: string; path: string }) => o.method !== 'GET' && o.path.startsWith('/v1/');

  it('is a sound OpenAPI 3 document: version, info, paths, resolvable $refs, responses on every operation', () => {
    expect(checkTopLevel(doc)).toEqual([]);
    expect(checkRefs(doc)).toEqual([]);
    expect(checkOperations(doc)).toEqual([]);
    expect(checkSchemas(doc)).toEqual([]);
    expect(ops().length).toBeGreaterThanOrEqual(API_MD.length);
  });

  it('lists every endpoint of the /v1 contract', () => {
    const documented = new Set(ops().map(named));
    expect(API_MD.filter((e) => !documented.has(e))).toEqual([]);
  });

  it('documents every route the API serves, and serves every route it documents', () => {
    const stack = (api.app.getHttpAdapter().getInstance() as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
    // A wildcard route is middleware Nest mounted for every path (the access log), not an endpoint.
    const served = stack
      .filter((layer) => layer.route && !SWAGGER_ROUTES.test(layer.route.path) && !OPENSTACK_ROUTES.test(layer.route.path) && !layer.route.path.includes('*'))
      .flatMap((layer) => Object.keys(layer.route!.methods).map((m) => `${m.toUpperCase()} ${layer.route!.path.replace(/:(\w+)/g, '{$1}')}`));
    expect(new Set(served)).toEqual(new Set(ops().map(named)));
  });

  it('asks for the API key on every /v1 operation and /metrics (an operator\'s), and on no other', () => {
    for (const o of ops()) {
      const bearer = ((o.op.security ?? []) as JsonObject[]).some((s) => 'bearer' in s);
      expect({ op: named(o), bearer }).toEqual({ op: named(o), bearer: o.path.startsWith('/v1/') || o.path === '/metrics' });
    }
  });

  it('documents the request body of every write that takes one, with a schema and examples', () => {
    const wrong: string[] = [];
    for (const o of ops().filter(isWrite)) {
      const body = deref(doc, o.op.requestBody);
      if (BODILESS.includes(named(o))) {
        if (body) wrong.push(`${named(o)}: documents a body it does not take`);
        continue;
      }
      const schema = ((body?.content as JsonObject | undefined)?.['application/json'] as JsonObject | undefined)?.schema as JsonObject | undefined;
      if (typeof schema?.$ref !== 'string') wrong.push(`${named(o)}: no request body schema`);
      else wrong.push(...propertiesWithoutExamples(doc, schema, `${named(o)} body`).map((p) => `${p}: no example`));
    }
    expect(wrong).toEqual([]);
  });

  it('shows an example value for every property of every schema, and says what each path id is', () => {
    const schemas = Object.keys(((doc.components as JsonObject).schemas ?? {}) as JsonObject);
    expect(schemas).toEqual(expect.arrayContaining(['ProblemResponse', 'VpcResponse', 'SecurityGroupResponse', 'RuleInputRequest']));
    expect(schemas.flatMap((name) => propertiesWithoutExamples(doc, { $ref: `#/components/schemas/${name}` }, name))).toEqual([]);
    const undescribed = ops().flatMap((o) =>
      ((o.op.parameters ?? []) as JsonObject[]).filter((p) => p.in === 'path' && (typeof p.description !== 'string' || (p.example ?? (p.schema as JsonObject | undefined)?.example) === undefined)).map((p) => `${named(o)} {${String(p.name)}}`),
    );
    expect(undescribed).toEqual([]);
  });

  it('documents the errors of every operation as problem+json, with an example of each slug', () => {
    const problem = deref(doc, { $ref: '#/components/schemas/ProblemResponse' });
    expect(Object.keys((problem?.properties ?? {}) as JsonObject)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'detail', 'errors']));
    const wrong: string[] = [];
    for (const o of ops().filter((x) => x.path.startsWith('/v1/'))) {
      const responses = o.op.responses as JsonObject;
      const write = isWrite(o) && !QUERIES_BY_POST.includes(named(o));
      const expected = ['401', '503'];
      if (o.path.includes('{') && !UPSERTS.includes(named(o))) expected.push('404');
      if (isWrite(o)) expected.push('400');
      if (isWrite(o) && !BODILESS.includes(named(o))) expected.push('413');
      if (write) expected.push('422');
      if (write && !CREATIONS.includes(named(o))) expected.push('412');
      for (const s of expected.filter((x) => !(x in responses))) wrong.push(`${named(o)}: no ${s}`);
      for (const [status, response] of Object.entries(responses).filter(([x]) => Number(x) >= 400)) {
        const at = `${named(o)} ${status}`;
        const media = ((deref(doc, response)?.content ?? {}) as JsonObject)['application/problem+json'] as JsonObject | undefined;
        if ((media?.schema as JsonObject | undefined)?.$ref !== '#/components/schemas/ProblemResponse') wrong.push(`${at}: not a ProblemResponse`);
        const examples = Object.values((media?.examples ?? {}) as JsonObject).map((e) => (e as JsonObject).value as JsonObject);
        if (examples.length === 0) wrong.push(`${at}: no example`);
        for (const e of examples) if (e.status !== Number(status) || typeof e.type !== 'string') wrong.push(`${at}: example ${JSON.stringify(e)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('describes what every success returns', () => {
    const wrong: string[] = [];
    for (const o of ops()) {
      const successes = Object.entries(o.op.responses as JsonObject).filter(([s]) => /^2/.test(s));
      if (successes.length === 0) wrong.push(`${named(o)}: no success`);
      for (const [status, response] of successes.filter(([s]) => s !== '204')) {
        const schemas = Object.values((deref(doc, response)?.content ?? {}) as JsonObject).map((m) => (m as JsonObject).schema);
        if (schemas.length === 0 || !schemas.every(Boolean)) wrong.push(`${named(o)} ${status}: no schema`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers the health endpoints (health, readiness, and metrics for an operator) in the media type it documents', async () => {
    const operator = { authorization: `Bearer ${KEYS.operator}` };
    for (const path of ['/health', '/health/ready', '/metrics']) {
      const get = ops().find((o) => o.method === 'GET' && o.path === path)!.op;
      const documented = Object.keys((deref(doc, (get.responses as JsonObject)['200'])?.content ?? {}) as JsonObject);
      const res = await fetch(`${api.url}${path}`, { headers: operator });
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, type: documented.some((t) => res.headers.get('content-type')!.startsWith(t)) }).toEqual({ path, type: true });
    }
    const metrics = await (await fetch(`${api.url}/metrics`, { headers: operator })).text();
    expect(metrics).toMatch(/^# TYPE http_request_duration_seconds histogram$/m);
    expect(metrics).toMatch(/^http_request_duration_seconds_count\{method="GET",route="\/health\/ready",status="200"\} \d+$/m);
    expect(metrics).toMatch(/^process_resident_memory_bytes \d+$/m);
  });

  it('serves the UI at /docs', async () => {
    const res = await fetch(`${api.url}/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toMatch(/swagger-ui/i);
    // The page is only a UI if its script loads too.
    const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${api.url}/docs/${script!.replace(/^docs\//, '')}`);
    expect(asset.status).toBe(200);
  });
});
