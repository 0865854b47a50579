import { client, Client, startApi, StartedApi } from '../../support/api';

describe('VPCs over HTTP', () => {
  let api: StartedApi;
  let http: Client;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
  });
  afterAll(() => api.close());

  it('creates a VPC with its default group, in the same transaction', async () => {
    const res = await http.post('/v1/vpcs', { name: 'ml-training', cidr: '10.0.0.0/16' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'ml-training', cidr: '10.0.0.0/16', tenant: 'demo', version: 1, warnings: [] });
    expect(res.body.id).toMatch(/^vpc-/);
    expect(res.body.defaultSecurityGroupId).toMatch(/^sg-/);
    expect(res.headers.get('location')).toBe(`/v1/vpcs/${res.body.id}`);
    const [{ count }] = await api.db.dataSource.query(`SELECT count(*)::int AS count FROM events WHERE stream_id = ANY($1)`, [[res.body.id, res.body.defaultSecurityGroupId]]);
    expect(count).toBe(3);
    const tx = await api.db.dataSource.query(`SELECT DISTINCT transaction_id::text FROM events WHERE stream_id = ANY($1)`, [[res.body.id, res.body.defaultSecurityGroupId]]);
    expect(tx).toHaveLength(1);
  });

  it('clears host bits of the CIDR and says so', async () => {
    const res = await http.post('/v1/vpcs', { name: 'x', cidr: '10.1.2.3/16' });
    expect(res.status).toBe(201);
    expect(res.body.cidr).toBe('10.1.0.0/16');
    expect(res.body.warnings[0]).toMatch(/host bits/);
  });

  it('lists every bad field as problem+json and writes nothing', async () => {
    const before = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    const res = await http.post('/v1/vpcs', { name: '', cidr: '300.0.0.0/8', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('validation-failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['cidr', 'colour', 'name']);
    const after = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    expect(after[0].n).toBe(before[0].n);
  });

  it('reads, lists with paging, and deletes', async () => {
    const a = (await http.post('/v1/vpcs', { name: 'a' })).body;
    const got = await http.get(`/v1/vpcs/${a.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: a.id, name: 'a', cidr: null });
    const page1 = await http.get('/v1/vpcs?limit=1');
    expect(page1.body).toHaveLength(1);
    const next = page1.headers.get('next-cursor');
    expect(next).toBeTruthy();
    const page2 = await http.get(`/v1/vpcs?limit=1&cursor=${next}`);
    expect(page2.body[0].id > page1.body[0].id).toBe(true);
    expect((await http.get('/v1/vpcs?limit=0')).status).toBe(400);
    expect((await http.get('/v1/vpcs?cursor=garbage')).status).toBe(400);
    expect((await http.delete(`/v1/vpcs/${a.id}`)).status).toBe(204);
    expect((await http.get(`/v1/vpcs/${a.id}`)).status).toBe(404);
    expect((await http.delete(`/v1/vpcs/${a.id}`)).status).toBe(404);
  });

  it('hides another tenant\'s VPC (404) and lists only the caller\'s', async () => {
    const mine = (await http.post('/v1/vpcs', { name: 'mine' })).body;
    const other = http.as('otherTenant');
    expect((await other.get(`/v1/vpcs/${mine.id}`)).status).toBe(404);
    expect((await other.delete(`/v1/vpcs/${mine.id}`)).status).toBe(404);
    expect((await other.get('/v1/vpcs')).body).toEqual([]);
    expect((await http.as('operator').get(`/v1/vpcs/${mine.id}`)).status).toBe(200);
  });

  it('401 without or with an unknown key', async () => {
    expect((await http.as('nobody').get('/v1/vpcs')).status).toBe(401);
    expect((await http.as('nobody').get('/v1/vpcs', { authorization: 'Bearer nope-nope-nope' })).body.type).toBe('unauthorized');
  });

  it('413 for a body over 1 MiB', async () => {
    const res = await http.post('/v1/vpcs', { name: 'x'.repeat(1024 * 1024 + 10) });
    expect(res.status).toBe(413);
    expect(res.body.type).toBe('payload-too-large');
  });

  it('replays an idempotent request and refuses the key for another body', async () => {
    const first = await http.post('/v1/vpcs', { name: 'idem' }, { 'idempotency-key': 'create-idem-1' });
    const again = await http.post('/v1/vpcs', { name: 'idem' }, { 'idempotency-key': 'create-idem-1' });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    const streams = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE metadata->>'idempotencyKey' = 'create-idem-1'`);
    expect(streams[0].n).toBe(3);
    const other = await http.post('/v1/vpcs', { name: 'other' }, { 'idempotency-key': 'create-idem-1' });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('idempotency-key-reused');
  });
});
