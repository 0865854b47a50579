import { agentClient, client, Client, startApi, StartedApi } from '../../support/api';

/** Hypervisor `id`'s agent, with its own credential (the path's id, decoded as the API decodes it). */
const agent = (api: StartedApi, id: string): Client => agentClient(api.url, safeDecode(id));
const safeDecode = (id: string) => {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
};

describe('hypervisors over HTTP', () => {
  let api: StartedApi;
  let operator: Client;

  beforeAll(async () => {
    api = await startApi();
    operator = client(api.url).as('operator');
  });
  afterAll(() => api.close());

  const eventsOf = async (id: string): Promise<number> =>
    (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [`hypervisor:${id}`]))[0].n;

  it('a fleet of agents registering at once (more than the pool has connections) is answered, each with its sync status', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `hv-fleet-${i}`);
    const replies = await Promise.all(ids.map((id, i) => agent(api, id).put(`/v1/hypervisors/${id}`, { agentUrl: `http://127.0.0.1:${7100 + i}` })));
    expect(replies.map((r) => r.status)).toEqual(ids.map(() => 201));
    expect(replies.map((r) => r.body)).toEqual(ids.map((id) => expect.objectContaining({ id, desiredRevision: 0, appliedRevision: 0, lastContactAt: null })));
  });

  it('the agent registers its hypervisor (201), updates its URL (200), and appends nothing for the same URL (200)', async () => {
    const created = await agent(api, 'hv-1').put('/v1/hypervisors/hv-1', { agentUrl: 'http://10.0.0.7:7001/' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/hypervisors/hv-1');
    expect(created.body).toEqual({
      id: 'hv-1', agentUrl: 'http://10.0.0.7:7001', desiredRevision: 0, appliedRevision: 0, lastContactAt: null, lastError: null, version: 1,
      createdAt: expect.any(String), updatedAt: created.body.createdAt,
    });

    const moved = await agent(api, 'hv-1').put('/v1/hypervisors/hv-1', { agentUrl: 'https://10.0.0.8:7443' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: 'hv-1', agentUrl: 'https://10.0.0.8:7443', version: 2, createdAt: created.body.createdAt });

    const same = await agent(api, 'hv-1').put('/v1/hypervisors/hv-1', { agentUrl: 'https://10.0.0.8:7443' });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(moved.body);
    expect(await eventsOf('hv-1')).toBe(2);
  });

  it('lists hypervisors by id, paginated, with their revisions and last contact', async () => {
    for (const id of ['hv-b', 'hv-a', 'hv-c']) expect((await agent(api, id).put(`/v1/hypervisors/${id}`, { agentUrl: `http://${id}.example:7001` })).status).toBe(201);
    const all = await operator.get('/v1/hypervisors');
    expect(all.status).toBe(200);
    const ids = all.body.map((h: { id: string }) => h.id);
    expect(ids).toEqual(expect.arrayContaining(['hv-a', 'hv-b', 'hv-c']));
    expect(ids).toEqual([...ids].sort());
    expect(all.body.find((h: { id: string }) => h.id === 'hv-a')).toMatchObject({ agentUrl: 'http://hv-a.example:7001', desiredRevision: 0, appliedRevision: 0, lastContactAt: null });

    const first = await operator.get('/v1/hypervisors?limit=2');
    expect(first.body.map((h: { id: string }) => h.id)).toEqual(ids.slice(0, 2));
    const rest = await operator.get(`/v1/hypervisors?limit=2&cursor=${first.headers.get('next-cursor')}`);
    expect(rest.body.map((h: { id: string }) => h.id)).toEqual(ids.slice(2, 4));
    expect((await operator.get('/v1/hypervisors?cursor=junk')).status).toBe(400);
  });

  it('reads one hypervisor; an unknown one is 404', async () => {
    await agent(api, 'node-17.rack-3').put('/v1/hypervisors/node-17.rack-3', { agentUrl: 'http://10.3.0.17:7001' });
    const got = await operator.get('/v1/hypervisors/node-17.rack-3');
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: 'node-17.rack-3', agentUrl: 'http://10.3.0.17:7001' });
    expect((await operator.get('/v1/hypervisors/hv-none')).status).toBe(404);
  });

  it('is for operators: a member gets 403 and writes nothing; no key is 401', async () => {
    const member = client(api.url).as('member');
    const put = await member.put('/v1/hypervisors/hv-member', { agentUrl: 'http://10.0.0.9:7001' });
    expect(put.status).toBe(403);
    expect(put.body.type).toBe('forbidden');
    expect(await eventsOf('hv-member')).toBe(0);
    expect((await member.get('/v1/hypervisors')).status).toBe(403);
    expect((await member.get('/v1/hypervisors/hv-1')).status).toBe(403);
    expect((await client(api.url).as('nobody').get('/v1/hypervisors')).status).toBe(401);
  });

  it('lists every bad field of the id and the body, and writes nothing', async () => {
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const res = await agent(api, '-bad%20id').put('/v1/hypervisors/-bad%20id', { agentUrl: 'ftp://x', extra: 1 });
    expect(res.status).toBe(400);
    expect(res.body.type).toBe('validation-failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['agentUrl', 'extra', 'id']);
    for (const [id, body] of [
      ['x'.repeat(64), { agentUrl: 'http://a:1' }],
      ['h%C3%A9', { agentUrl: 'http://a:1' }],
      ['hv-ok', { agentUrl: 'http://user:pass@a:1' }],
      ['hv-ok', { agentUrl: 42 }],
      ['hv-ok', ['http://a:1']],
      ['hv-ok', 'http://a:1'],
    ] as const) {
      const bad = await agent(api, id).put(`/v1/hypervisors/${id}`, body);
      expect([bad.status, bad.body.type]).toEqual([400, 'validation-failed']);
    }
    // A control character in the path names nothing that could exist: 404, like any unknown id.
    const nul = await agent(api, 'hv%00').put('/v1/hypervisors/hv%00', { agentUrl: 'http://a:1' });
    expect([nul.status, nul.body.type]).toEqual([404, 'not-found']);
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
  });

  it('honours If-Match and replays an idempotent registration', async () => {
    await agent(api, 'hv-if').put('/v1/hypervisors/hv-if', { agentUrl: 'http://10.0.1.1:7001' });
    const stale = await agent(api, 'hv-if').put('/v1/hypervisors/hv-if', { agentUrl: 'http://10.0.1.2:7001' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const first = await agent(api, 'hv-idem').put('/v1/hypervisors/hv-idem', { agentUrl: 'http://10.0.1.3:7001' }, { 'idempotency-key': 'hv-idem-1' });
    const again = await agent(api, 'hv-idem').put('/v1/hypervisors/hv-idem', { agentUrl: 'http://10.0.1.3:7001' }, { 'idempotency-key': 'hv-idem-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.text).toBe(first.text);
    expect(await eventsOf('hv-idem')).toBe(1);
  });

  it('only the agent registers its URL: an operator key gets 403, another agent\'s credential 401, and nothing is written', async () => {
    await agent(api, 'hv-own').put('/v1/hypervisors/hv-own', { agentUrl: 'http://10.0.2.1:7001' });
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    // The redirection: an operator key points a hypervisor at the database's port.
    const byOperator = await operator.put('/v1/hypervisors/hv-own', { agentUrl: 'http://10.0.2.99:5432' });
    expect(byOperator.status).toBe(403);
    expect(byOperator.body).toMatchObject({ type: 'forbidden', detail: expect.stringMatching(/only the hypervisor's agent registers its URL/i) });
    expect((await operator.put('/v1/hypervisors/hv-new', { agentUrl: 'http://10.0.2.98:7001' })).status).toBe(403);
    // A stolen agent host holds its own credential only: it cannot register (or redirect) another hypervisor.
    const byOtherAgent = await agent(api, 'hv-thief').put('/v1/hypervisors/hv-own', { agentUrl: 'http://10.0.2.97:7001' });
    expect(byOtherAgent.status).toBe(401);
    expect(byOtherAgent.body.type).toBe('unauthorized');
    // An agent credential opens nothing else.
    expect((await agent(api, 'hv-own').get('/v1/hypervisors')).status).toBe(401);
    expect((await agent(api, 'hv-own').post('/v1/vpcs', { name: 'x', cidr: '10.0.0.0/16' })).status).toBe(401);
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
    expect((await operator.get('/v1/hypervisors/hv-own')).body.agentUrl).toBe('http://10.0.2.1:7001');
    // A resync: the agent itself, or an operator.
    expect((await agent(api, 'hv-own').post('/v1/hypervisors/hv-own/resync')).status).toBe(202);
    expect((await operator.post('/v1/hypervisors/hv-own/resync')).status).toBe(202);
    expect((await agent(api, 'hv-thief').post('/v1/hypervisors/hv-own/resync')).status).toBe(401);
  });

  it('refuses agent URLs off the agent networks: metadata, link-local, unspecified, multicast, public (400 naming agentUrl)', async () => {
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    for (const agentUrl of [
      'http://169.254.169.254/latest',
      'http://[fe80::1]:7001',
      'http://169.254.10.1:7001',
      'http://0.0.0.0:7001',
      'http://[::]:7001',
      'http://224.0.0.1:7001',
      'http://8.8.8.8:7001',
      'http://[2001:db8::1]:7001',
      'http://[fd00:ec2::254]/',
      'http://[::ffff:169.254.169.254]/',
    ]) {
      const res = await agent(api, 'hv-net').put('/v1/hypervisors/hv-net', { agentUrl });
      expect([agentUrl, res.status, res.body.type]).toEqual([agentUrl, 400, 'validation-failed']);
      expect(res.body.errors).toEqual([{ path: 'agentUrl', message: expect.stringMatching(/^must be an address on the agent networks: /) }]);
    }
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
  });

  describe('with AGENT_URL_ALLOW_LOOPBACK=false (production\'s default)', () => {
    let strict: StartedApi;
    beforeAll(async () => {
      strict = await startApi({ AGENT_URL_ALLOW_LOOPBACK: 'false' });
    });
    afterAll(() => strict.close());

    it('refuses loopback in every spelling (decimal, hex, IPv6, mapped, localhost), and takes the management network', async () => {
      for (const agentUrl of ['http://127.0.0.1:5432', 'https://[::1]:5432', 'http://2130706433:5432', 'http://0x7f.0.0.1:5432', 'http://127.1:5432', 'http://[::ffff:127.0.0.1]:5432', 'http://localhost:5432', 'http://db.localhost:5432']) {
        const res = await agent(strict, 'hv-lo').put('/v1/hypervisors/hv-lo', { agentUrl });
        expect([agentUrl, res.status, res.body.errors?.[0]?.message]).toEqual([agentUrl, 400, expect.stringMatching(/loopback/)]);
      }
      expect((await agent(strict, 'hv-lo').put('/v1/hypervisors/hv-lo', { agentUrl: 'http://10.20.0.7:7001' })).status).toBe(201);
    });
  });
});
