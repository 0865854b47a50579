import { client, Client, startApi, StartedApi } from '../../support/api';

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
    const replies = await Promise.all(ids.map((id, i) => operator.put(`/v1/hypervisors/${id}`, { agentUrl: `http://127.0.0.1:${7100 + i}` })));
    expect(replies.map((r) => r.status)).toEqual(ids.map(() => 201));
    expect(replies.map((r) => r.body)).toEqual(ids.map((id) => expect.objectContaining({ id, desiredRevision: 0, appliedRevision: 0, lastContactAt: null })));
  });

  it('registers a new hypervisor (201), updates its URL (200), and appends nothing for the same URL (200)', async () => {
    const created = await operator.put('/v1/hypervisors/hv-1', { agentUrl: 'http://10.0.0.7:7001/' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/v1/hypervisors/hv-1');
    expect(created.body).toEqual({
      id: 'hv-1', agentUrl: 'http://10.0.0.7:7001', desiredRevision: 0, appliedRevision: 0, lastContactAt: null, lastError: null, version: 1,
      createdAt: expect.any(String), updatedAt: created.body.createdAt,
    });

    const moved = await operator.put('/v1/hypervisors/hv-1', { agentUrl: 'https://10.0.0.8:7443' });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ id: 'hv-1', agentUrl: 'https://10.0.0.8:7443', version: 2, createdAt: created.body.createdAt });

    const same = await operator.put('/v1/hypervisors/hv-1', { agentUrl: 'https://10.0.0.8:7443' });
    expect(same.status).toBe(200);
    expect(same.body).toEqual(moved.body);
    expect(await eventsOf('hv-1')).toBe(2);
  });

  it('lists hypervisors by id, paginated, with their revisions and last contact', async () => {
    for (const id of ['hv-b', 'hv-a', 'hv-c']) expect((await operator.put(`/v1/hypervisors/${id}`, { agentUrl: `http://${id}.example:7001` })).status).toBe(201);
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
    await operator.put('/v1/hypervisors/node-17.rack-3', { agentUrl: 'http://10.3.0.17:7001' });
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
    const res = await operator.put('/v1/hypervisors/-bad%20id', { agentUrl: 'ftp://x', extra: 1 });
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
      const bad = await operator.put(`/v1/hypervisors/${id}`, body);
      expect([bad.status, bad.body.type]).toEqual([400, 'validation-failed']);
    }
    // A control character in the path names nothing that could exist: 404, like any unknown id.
    const nul = await operator.put('/v1/hypervisors/hv%00', { agentUrl: 'http://a:1' });
    expect([nul.status, nul.body.type]).toEqual([404, 'not-found']);
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
  });

  it('honours If-Match and replays an idempotent registration', async () => {
    await operator.put('/v1/hypervisors/hv-if', { agentUrl: 'http://10.0.1.1:7001' });
    const stale = await operator.put('/v1/hypervisors/hv-if', { agentUrl: 'http://10.0.1.2:7001' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    const first = await operator.put('/v1/hypervisors/hv-idem', { agentUrl: 'http://10.0.1.3:7001' }, { 'idempotency-key': 'hv-idem-1' });
    const again = await operator.put('/v1/hypervisors/hv-idem', { agentUrl: 'http://10.0.1.3:7001' }, { 'idempotency-key': 'hv-idem-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.text).toBe(first.text);
    expect(await eventsOf('hv-idem')).toBe(1);
  });
});
