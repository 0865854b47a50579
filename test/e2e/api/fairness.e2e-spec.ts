import { request } from 'node:http';
import { client, KEYS, Reply, startApi, StartedApi } from '../../support/api';
import { issueToken, passwordAuth } from '../../support/openstack';

/** One raw request, bytes as given (no client fixing the body or its headers up). */
function raw(url: string, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers: { ...headers, ...(body && { 'content-length': String(body.length) }) } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const member = { authorization: `Bearer ${KEYS.member}` };
const json = (text: string) => JSON.parse(text);

/**
 * Rate limiting and fairness (docs/reliability.md): a bucket per API key (429 problem+json with
 * Retry-After and RateLimit-*), a cap on open notification streams per key, authentication
 * before the body is read, JSON bodies only (415), valid UTF-8 only (400).
 */
describe('fairness between API keys', () => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '6' });
  });
  afterAll(() => api.close());

  it('gives each key its bucket: over it, 429 with Retry-After and RateLimit-*, while another key is served', async () => {
    const http = client(api.url);
    const answers: Reply[] = [];
    // Six at once, and a few more as the bucket refills (2 a second) while they run; then refused.
    for (let i = 0; i < 40 && !answers.some((a) => a.status === 429); i++) answers.push(await http.get('/v1/vpcs'));
    const statuses = answers.map((a) => a.status);
    const firstRefusal = statuses.indexOf(429);
    expect(firstRefusal).toBeGreaterThanOrEqual(6);
    expect(statuses.slice(0, firstRefusal).every((s) => s === 200)).toBe(true);
    expect(answers[0].headers.get('ratelimit-limit')).toBe('6');
    expect(Number(answers[0].headers.get('ratelimit-remaining'))).toBe(5);
    const refused = answers[firstRefusal];
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: 'too-many-requests', status: 429, detail: expect.stringMatching(/2 requests per second/) });
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(Number(refused.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);

    // Another tenant's key is not held back by the first one's flood.
    expect((await http.as('otherTenant').get('/v1/vpcs')).status).toBe(200);

    // Waiting as told is enough.
    await new Promise((r) => setTimeout(r, Number(refused.headers.get('retry-after')) * 1000));
    expect((await http.get('/v1/vpcs')).status).toBe(200);
  });

  it('refuses a flood\'s writes without writing: 429 is checked before the body is read', async () => {
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const http = client(api.url).as('otherTenant');
    const statuses: number[] = [];
    for (let i = 0; i < 40 && !statuses.includes(429); i++) statuses.push((await http.post('/v1/vpcs', { name: `flood-${i}`, cidr: '10.0.0.0/16' })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    const created = statuses.filter((s) => s === 201).length;
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_type = 'vpc'`))[0].n).toBeLessThanOrEqual(before + created);
  });
  it('holds a refusal for up to RATE_LIMIT_REFUSAL_DELAY_MS (1 s by default, at least half of it) before answering it, while accepted requests are answered at once', async () => {
    const http = client(api.url).as('operator');
    const timed = async () => {
      const started = performance.now();
      const res = await http.get('/v1/vpcs');
      return { status: res.status, ms: performance.now() - started };
    };
    const answers = await Promise.all(Array.from({ length: 10 }, timed));
    const refused = answers.filter((a) => a.status === 429);
    const served = answers.filter((a) => a.status === 200);
    expect(served.length).toBeGreaterThanOrEqual(6);
    expect(refused.length).toBeGreaterThan(0);
    // A client that asks again as soon as it is refused waits half a second or more each time instead of spinning.
    for (const a of refused) expect(a.ms).toBeGreaterThanOrEqual(450);
    expect(Math.min(...served.map((a) => a.ms))).toBeLessThan(Math.min(...refused.map((a) => a.ms)));
  });
});

describe('requests in progress per key', () => {
  let api: StartedApi;
  beforeAll(async () => {
    api = await startApi({ RATE_LIMIT_CONCURRENT: '1' });
  });
  afterAll(() => api.close());

  it('runs at most RATE_LIMIT_CONCURRENT requests of one key at once: its next one waits its turn (not refused), another key is served meanwhile', async () => {
    const finished: string[] = [];
    // The member's first request holds its place: its headers are sent, its body not yet.
    const body = Buffer.from(JSON.stringify({ name: 'held', cidr: '10.0.0.0/16' }));
    let releaseBody = () => undefined as void;
    const first = new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/v1/vpcs`, { method: 'POST', headers: { ...member, 'content-type': 'application/json', 'content-length': String(body.length) } }, (res) => {
        res.resume();
        res.on('end', () => {
          finished.push('first');
          resolve(res.statusCode!);
        });
      });
      req.on('error', reject);
      req.flushHeaders();
      releaseBody = () => req.end(body);
    });
    await new Promise((r) => setTimeout(r, 200));
    const second = client(api.url).get('/v1/vpcs').then((res) => {
      finished.push('second');
      return res.status;
    });
    const other = await client(api.url).as('otherTenant').get('/v1/vpcs');
    finished.push('other');
    expect(other.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(finished).toEqual(['other']);
    releaseBody();
    expect(await first).toBe(201);
    expect(await second).toBe(200);
    expect(finished).toEqual(['other', 'first', 'second']);
  });
});

describe('requests with bodies', () => {
  let api: StartedApi;
  const eventCount = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
  beforeAll(async () => {
    api = await startApi({ STREAMS_PER_KEY: '2' });
  });
  afterAll(() => api.close());

  it('authenticates before reading the body: no key or an unknown one is 401 whatever the body holds', async () => {
    const garbage = Buffer.alloc(900 * 1024, '{');
    for (const headers of [{}, { authorization: 'Bearer not-a-key' }] as Record<string, string>[]) {
      const res = await raw(api.url, 'POST', '/v1/vpcs', { ...headers, 'content-type': 'application/json' }, garbage);
      expect([res.status, json(res.text).type]).toEqual([401, 'unauthorized']);
      expect(res.headers.connection).toBe('close');
    }
    // With a key, the same body is read, and refused for what it is.
    const parsed = await raw(api.url, 'POST', '/v1/vpcs', { ...member, 'content-type': 'application/json' }, garbage);
    expect([parsed.status, json(parsed.text).type]).toEqual([400, 'validation-failed']);
  });

  it('takes JSON bodies only: 415 for another or no Content-Type, and writes nothing', async () => {
    const before = await eventCount();
    const body = Buffer.from(JSON.stringify({ name: 'typed', cidr: '10.0.0.0/16' }));
    for (const type of [undefined, 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x', 'application/jsonp']) {
      const res = await raw(api.url, 'POST', '/v1/vpcs', { ...member, ...(type && { 'content-type': type }) }, body);
      expect([type, res.status, json(res.text).type]).toEqual([type, 415, 'unsupported-media-type']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await eventCount()).toBe(before);
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON;charset="UTF-8"']) {
      const res = await raw(api.url, 'POST', '/v1/vpcs', { ...member, 'content-type': type }, Buffer.from(JSON.stringify({ name: `typed-${type.length}`, cidr: '10.0.0.0/16' })));
      expect([type, res.status]).toEqual([type, 201]);
    }
  });

  it('refuses invalid UTF-8 (400) instead of storing U+FFFD', async () => {
    const before = await eventCount();
    const bytes = Buffer.concat([Buffer.from('{"name": "bad-'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('", "cidr": "10.0.0.0/16"}')]);
    const res = await raw(api.url, 'POST', '/v1/vpcs', { ...member, 'content-type': 'application/json' }, bytes);
    expect(res.status).toBe(400);
    expect(json(res.text)).toMatchObject({ type: 'validation-failed', detail: 'The body is not valid UTF-8.' });
    expect(await eventCount()).toBe(before);
    const names = (await client(api.url).get('/v1/vpcs')).body.map((v: { name: string }) => v.name);
    expect(names.some((n: string) => n.includes('\ufffd'))).toBe(false);
  });

  it('caps the notification streams one key holds open (429), and frees a place when one closes', async () => {
    const open = async () => {
      const controller = new AbortController();
      const res = await fetch(`${api.url}/v1/notifications/stream`, { headers: member, signal: controller.signal });
      return { res, close: () => controller.abort() };
    };
    const first = await open();
    const second = await open();
    expect([first.res.status, second.res.status]).toEqual([200, 200]);
    const third = await open();
    expect(third.res.status).toBe(429);
    expect(await third.res.json()).toMatchObject({ type: 'too-many-requests', detail: expect.stringMatching(/at most 2/) });
    // Another key has places of its own.
    const other = await fetch(`${api.url}/v1/notifications/stream`, { headers: { authorization: `Bearer ${KEYS.otherTenant}` }, signal: AbortSignal.timeout(60_000) });
    expect(other.status).toBe(200);
    await other.body?.cancel();
    first.close();
    const again = await (async () => {
      for (let i = 0; i < 50; i++) {
        const next = await open();
        if (next.res.status === 200) return next;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('no place was freed');
    })();
    expect(again.res.status).toBe(200);
    second.close();
    again.close();
  });
});

describe('the OpenStack faces', () => {
  let api: StartedApi;
  beforeAll(async () => {
    // Behind a proxy, so that each test can come from addresses of its own (X-Forwarded-For); refusals
    // answered at once, so that the bucket has not refilled by the time the next request is sent.
    api = await startApi({ RATE_LIMIT_PER_SECOND: '2', RATE_LIMIT_BURST: '6', RATE_LIMIT_REFUSAL_DELAY_MS: '0', TOKEN_REQUESTS_PER_MINUTE: '5', TRUST_PROXY: 'true' });
  });
  afterAll(() => api.close());

  const tokenRequest = (from: string, user: string, password: string) =>
    fetch(`${api.url}/identity/v3/auth/tokens`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': from }, body: JSON.stringify(passwordAuth(user, password)) });
  const neutronGet = (token: string, path = '/v2.0/security-groups') => fetch(`${api.url}${path}`, { headers: { 'x-auth-token': token } });

  it('gives /v2.0 the bucket of the key behind its token: a Neutron flood spends the /v1 tokens of the same key, and is answered as Neutron', async () => {
    const token = await issueToken(api.url, 'member');
    const other = await issueToken(api.url, 'otherTenant');
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 40 && !refused; i++) {
      const res = await neutronGet(token);
      statuses.push(res.status);
      if (res.status === 429) refused = res;
      else await res.arrayBuffer();
    }
    expect(refused).toBeDefined();
    expect(statuses.length).toBeGreaterThanOrEqual(7);
    expect(statuses.slice(0, -1).every((s) => s === 200)).toBe(true);
    expect(refused!.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await refused!.json()).toEqual({ NeutronError: { type: 'HTTPTooManyRequests', message: expect.stringMatching(/2 requests per second/), detail: '' } });
    expect(Number(refused!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused!.headers.get('ratelimit-remaining')).toBe('0');
    // The same key through /v1 finds its bucket empty; another tenant's token is served.
    const v1 = await client(api.url).get('/v1/vpcs');
    expect([v1.status, v1.body.type]).toEqual([429, 'too-many-requests']);
    expect((await neutronGet(other)).status).toBe(200);
    // A Neutron write of the flooding key is refused too, nothing written.
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const write = await fetch(`${api.url}/v2.0/security-groups`, { method: 'POST', headers: { 'x-auth-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ security_group: { name: 'flood' } }) });
    expect([write.status, ((await write.json()) as { NeutronError: { type: string } }).NeutronError.type]).toEqual([429, 'HTTPTooManyRequests']);
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
    await new Promise((r) => setTimeout(r, Number(refused!.headers.get('retry-after')) * 1000));
    expect((await neutronGet(token)).status).toBe(200);
  });

  it('refuses a /v2.0 body without a valid token before reading it: NeutronError 401', async () => {
    const garbage = Buffer.alloc(900 * 1024, '{');
    for (const headers of [{}, { 'x-auth-token': 'forged.token' }] as Record<string, string>[]) {
      const res = await raw(api.url, 'POST', '/v2.0/security-groups', { ...headers, 'content-type': 'application/json' }, garbage);
      expect([res.status, json(res.text).NeutronError.type]).toEqual([401, 'Unauthorized']);
      expect(res.headers.connection).toBe('close');
    }
  });

  it('bounds password guessing per user name, whatever the addresses, before the password is checked: Keystone 429', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await tokenRequest(`198.51.100.${i + 1}`, 'ops', `guess-${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    // The sixth guess, from yet another address, is not checked; nor is the right password now.
    for (const password of ['guess-5', KEYS.operator]) {
      const res = await tokenRequest('198.51.100.99', 'ops', password);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(res.headers.get('x-subject-token')).toBeNull();
      expect(await res.json()).toEqual({ error: { code: 429, title: 'Too Many Requests', message: expect.stringMatching(/Too many token requests for user ops/) } });
    }
    // Another user is not held back.
    expect((await tokenRequest('198.51.100.100', 'demo', KEYS.member)).status).toBe(201);
  });

  it('bounds token requests per remote address before reading the body: Keystone 429', async () => {
    const from = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await tokenRequest(from, `nobody-${i}`, 'x')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const res = await tokenRequest(from, 'acme', KEYS.otherTenant);
    expect(res.status).toBe(429);
    expect(await res.json()).toEqual({ error: { code: 429, title: 'Too Many Requests', message: expect.stringMatching(/from this address/) } });
    // Its next body is not read: 429 and the connection closes.
    const big = await raw(api.url, 'POST', '/identity/v3/auth/tokens', { 'content-type': 'application/json', 'x-forwarded-for': from }, Buffer.alloc(900 * 1024, '{'));
    expect([big.status, big.headers.connection]).toEqual([429, 'close']);
    // Another address is served.
    expect((await tokenRequest('203.0.113.8', 'acme', KEYS.otherTenant)).status).toBe(201);
  });
});
