import { client, KEYS, startApi, StartedApi } from '../../support/api';

const PUBLIC = new Set(['GET /health', 'GET /health/ready']);

/**
 * The /v1 contract's authentication: a key on every /v1 request. Checked for every endpoint the OpenAPI
 * document lists, under every spelling Express would route to it: nothing answers without a key.
 */
describe('authentication on every endpoint', () => {
  let api: StartedApi;

  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('answers 401 without a key on every endpoint that is not public, however the path is spelled', async () => {
    const doc = (await client(api.url).get('/docs-json')).body as { paths: Record<string, Record<string, unknown>> };
    const endpoints = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
    const guarded = endpoints.filter((e) => !PUBLIC.has(`${e.method} ${e.path}`));
    expect(guarded.length).toBeGreaterThan(30);
    expect(endpoints.filter((e) => PUBLIC.has(`${e.method} ${e.path}`))).toHaveLength(PUBLIC.size);

    const answers: string[] = [];
    for (const { method, path } of guarded) {
      const concrete = path.replace(/\{[^}]+\}/g, 'x-1');
      for (const spelling of [concrete, concrete.toUpperCase(), concrete.replace('/v1/', '/V1/')]) {
        const res = await fetch(`${api.url}${spelling}`, { method, headers: { 'content-type': 'application/json' }, body: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
        await res.text();
        if (res.status !== 401 && res.status !== 404) answers.push(`${method} ${spelling} → ${res.status}`);
        if (res.status === 404 && spelling === concrete) answers.push(`${method} ${spelling} → 404 before authentication`);
      }
    }
    expect(answers).toEqual([]);
  });

  it('shows /metrics to an operator key only: 401 without a key, 403 for a member, nothing of the metrics in either', async () => {
    const anonymous = await fetch(`${api.url}/metrics`);
    const anonymousText = await anonymous.text();
    expect([anonymous.status, anonymous.headers.get('content-type')]).toEqual([401, expect.stringMatching(/^application\/problem\+json/)]);
    expect(JSON.parse(anonymousText)).toMatchObject({ type: 'unauthorized', status: 401 });
    const member = await client(api.url, 'member').get('/metrics');
    expect([member.status, member.body.type]).toEqual([403, 'forbidden']);
    for (const text of [anonymousText, member.text]) expect(text).not.toMatch(/http_request_duration_seconds|process_resident_memory_bytes/);
    const operator = await fetch(`${api.url}/metrics`, { headers: { authorization: `Bearer ${KEYS.operator}` } });
    expect([operator.status, operator.headers.get('content-type')]).toEqual([200, expect.stringMatching(/^text\/plain; version=0\.0\.4/)]);
    expect(await operator.text()).toMatch(/^process_resident_memory_bytes \d+$/m);
  });
});
