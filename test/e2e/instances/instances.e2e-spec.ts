import { client, Client, registerAgent, startApi, StartedApi } from '../../support/api';

describe('instances over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    for (const id of ['hv-1', 'hv-2']) expect((await registerAgent(api.url, id, `http://${id}.example:7001`)).status).toBe(201);
    vpc = (await http.post('/v1/vpcs', { name: 'ml', cidr: '10.0.0.0/16' })).body;
  });
  afterAll(() => api.close());

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
  const operation = async (id: string) => {
    const res = await http.get(`/v1/operations/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const targetsOf = async (id: string): Promise<string[]> => (await operation(id)).targets.map((t: { hypervisorId: string }) => t.hypervisorId);
  const register = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await http.post('/v1/instances', { name, vpcId: vpc.id, hypervisorId: 'hv-1', ...extra });
    expect(res.status).toBe(201);
    return res.body;
  };
  const appliedTo = async (groupId: string): Promise<string[]> => {
    const group = await http.get(`/v1/security-groups/${groupId}`);
    expect(group.status).toBe(200);
    return group.body.appliedTo.instanceIds;
  };

  it('registers an instance with the VPC\'s default group applied, in one transaction, and opens an operation for its hypervisor', async () => {
    const res = await http.post('/v1/instances', { name: 'gpu-1', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.0.1.5', ipv6: '2001:DB8:0:0::5' });
    expect(res.status).toBe(201);
    const id = res.body.id;
    expect(id).toMatch(/^i-/);
    expect(res.body).toEqual({
      id, name: 'gpu-1', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.0.1.5', ipv6: '2001:db8::5', securityGroupIds: [vpc.defaultSecurityGroupId],
      tenant: 'demo', version: 1, createdAt: expect.any(String), updatedAt: res.body.createdAt,
      operation: { id: expect.stringMatching(/^op-/), status: 'queued', href: `/v1/operations/${res.body.operation.id}` }, warnings: [],
    });
    expect(res.headers.get('location')).toBe(`/v1/instances/${id}`);
    expect(res.headers.get('operation-location')).toBe(res.body.operation.href);

    expect(await appliedTo(vpc.defaultSecurityGroupId)).toContain(id);
    const op = await operation(res.body.operation.id);
    expect(op).toMatchObject({
      type: 'instance.registered', status: 'queued', tenant: 'demo', resource: { type: 'instance', id },
      message: expect.stringMatching(/^Registered instance gpu-1 on hv-1; .*1 instance across 1 hypervisor$/),
      targets: [expect.objectContaining({ hypervisorId: 'hv-1', status: 'queued' })],
    });
    const tx = await api.db.dataSource.query(`SELECT DISTINCT transaction_id::text FROM events WHERE stream_id = ANY($1)`, [[id, res.body.operation.id]]);
    const groupTx = await api.db.dataSource.query(`SELECT transaction_id::text FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`, [vpc.defaultSecurityGroupId]);
    expect(tx).toEqual(groupTx);

    const got = await http.get(`/v1/instances/${id}`);
    expect(got.status).toBe(200);
    const { operation: _op, warnings: _w, ...instance } = res.body;
    expect(got.body).toEqual(instance);
  });

  it('lists every bad field and writes nothing', async () => {
    const before = await eventCount();
    const res = await http.post('/v1/instances', { name: '', vpcId: 5, hypervisorId: 'hv 1', ipv4: '2001:db8::1', ipv6: '10.0.0.1', colour: 'red' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(res.body.type).toBe('validation-failed');
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'hypervisorId', 'ipv4', 'ipv6', 'name', 'vpcId']);
    for (const body of [null, [], 'gpu', { name: 'x'.repeat(256), vpcId: vpc.id, hypervisorId: 'hv-1' }, { name: 'n', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: 10 }]) {
      expect((await http.post('/v1/instances', body)).status).toBe(400);
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses the network and the broadcast address of the VPC\'s range (400 problem+json naming ipv4), writing nothing', async () => {
    const before = await eventCount();
    for (const [ipv4, which] of [['10.0.0.0', 'network'], ['10.0.255.255', 'broadcast']]) {
      const res = await http.post('/v1/instances', { name: `edge-${which}`, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4 });
      expect([res.status, res.headers.get('content-type')]).toEqual([400, expect.stringMatching(/^application\/problem\+json/)]);
      expect(res.body).toMatchObject({ type: 'validation-failed', errors: [{ path: 'ipv4', message: `${ipv4} is the ${which} address of the VPC's range 10.0.0.0/16, not an instance's` }] });
    }
    expect(await eventCount()).toBe(before);
    // The addresses next to them are hosts'.
    expect((await register('edge-first', { ipv4: '10.0.0.1' })).ipv4).toBe('10.0.0.1');
    expect((await register('edge-last', { ipv4: '10.0.255.254' })).ipv4).toBe('10.0.255.254');
  });

  it('refuses an IPv4 address outside the VPC\'s range (400) and one another instance of the VPC has (409)', async () => {
    const outside = await http.post('/v1/instances', { name: 'far', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '192.168.0.5' });
    expect(outside.status).toBe(400);
    expect(outside.body.errors).toEqual([{ path: 'ipv4', message: expect.stringContaining('10.0.0.0/16') }]);

    await register('first', { ipv4: '10.0.2.1', ipv6: '2001:db8::21' });
    const before = await eventCount();
    const taken = await http.post('/v1/instances', { name: 'second', vpcId: vpc.id, hypervisorId: 'hv-2', ipv4: '10.0.2.1' });
    expect(taken.status).toBe(409);
    expect(taken.body.type).toBe('conflict');
    expect(taken.body.detail).toContain('10.0.2.1');
    const takenV6 = await http.post('/v1/instances', { name: 'third', vpcId: vpc.id, hypervisorId: 'hv-2', ipv6: '2001:DB8:0::21' });
    expect(takenV6.status).toBe(409);
    expect(await eventCount()).toBe(before);

    // The same address in another VPC is another network.
    const other = (await http.post('/v1/vpcs', { name: 'other', cidr: '10.0.0.0/16' })).body;
    expect((await http.post('/v1/instances', { name: 'twin', vpcId: other.id, hypervisorId: 'hv-1', ipv4: '10.0.2.1' })).status).toBe(201);
  });

  it('lets only one of two concurrent registrations take a free address', async () => {
    const answers = await Promise.all(['a', 'b', 'c'].map((n) => http.post('/v1/instances', { name: `race-${n}`, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.0.9.9' })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    const holders = await api.db.dataSource.query(`SELECT id FROM rm_instances WHERE ipv4 = '10.0.9.9' AND vpc_id = $1`, [vpc.id]);
    expect(holders).toHaveLength(1);
  });

  it('answers 404 naming the unknown VPC and hypervisor; another tenant\'s VPC is unknown too', async () => {
    const before = await eventCount();
    const both = await http.post('/v1/instances', { name: 'lost', vpcId: 'vpc-nope', hypervisorId: 'hv-nope' });
    expect(both.status).toBe(404);
    expect(both.body.type).toBe('not-found');
    expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(['vpcId', 'hypervisorId']);
    const hv = await http.post('/v1/instances', { name: 'lost', vpcId: vpc.id, hypervisorId: 'hv-nope' });
    expect([hv.status, hv.body.errors.map((e: { path: string }) => e.path)]).toEqual([404, ['hypervisorId']]);
    const foreign = await http.as('otherTenant').post('/v1/instances', { name: 'sneaky', vpcId: vpc.id, hypervisorId: 'hv-1' });
    expect([foreign.status, foreign.body.errors.map((e: { path: string }) => e.path)]).toEqual([404, ['vpcId']]);
    expect(await eventCount()).toBe(before);
  });

  it('lets an operator register an instance in a tenant\'s VPC, where the tenant sees it', async () => {
    const res = await http.as('operator').post('/v1/instances', { name: 'by-ops', vpcId: vpc.id, hypervisorId: 'hv-2' });
    expect(res.status).toBe(201);
    expect(res.body.tenant).toBe('demo');
    expect((await http.get(`/v1/instances/${res.body.id}`)).status).toBe(200);
  });

  it('lists instances by id, filtered by VPC and hypervisor, paginated, and only the caller\'s', async () => {
    const own = (await http.post('/v1/vpcs', { name: 'listing' })).body;
    const ids: string[] = [];
    for (const [name, hv] of [['l-1', 'hv-1'], ['l-2', 'hv-2'], ['l-3', 'hv-2']]) {
      ids.push((await http.post('/v1/instances', { name, vpcId: own.id, hypervisorId: hv })).body.id);
    }
    const inVpc = await http.get(`/v1/instances?vpcId=${own.id}`);
    expect(inVpc.status).toBe(200);
    expect(inVpc.body.map((i: { id: string }) => i.id)).toEqual([...ids].sort());
    expect(inVpc.body[0].securityGroupIds).toEqual([own.defaultSecurityGroupId]);
    const onHv2 = await http.get(`/v1/instances?vpcId=${own.id}&hypervisorId=hv-2`);
    expect(onHv2.body.map((i: { name: string }) => i.name).sort()).toEqual(['l-2', 'l-3']);
    const everywhereOnHv2 = (await http.get('/v1/instances?hypervisorId=hv-2&limit=1000')).body;
    expect(everywhereOnHv2.every((i: { hypervisorId: string }) => i.hypervisorId === 'hv-2')).toBe(true);

    const page1 = await http.get(`/v1/instances?vpcId=${own.id}&limit=2`);
    expect(page1.body).toHaveLength(2);
    const cursor = page1.headers.get('next-cursor');
    expect(page1.headers.get('link')).toContain(`vpcId=${own.id}`);
    const page2 = await http.get(`/v1/instances?vpcId=${own.id}&limit=2&cursor=${cursor}`);
    expect([...page1.body, ...page2.body].map((i: { id: string }) => i.id)).toEqual([...ids].sort());
    expect(page2.headers.get('next-cursor')).toBeNull();

    expect((await http.get('/v1/instances?vpcId=vpc-unknown')).body).toEqual([]);
    const bad = await http.get('/v1/instances?vpcId=%00&hypervisorId=a&hypervisorId=b&limit=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['hypervisorId', 'limit', 'vpcId']);
    expect((await http.get('/v1/instances?cursor=nope')).body.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    expect((await http.as('otherTenant').get('/v1/instances')).body).toEqual([]);
    expect((await http.as('otherTenant').get(`/v1/instances?vpcId=${own.id}`)).body).toEqual([]);
  });

  it('moves an instance: both hypervisors are targets; the instance reads back on the new one', async () => {
    const gpu = await register('gpu-move');
    const res = await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-2' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: gpu.id, hypervisorId: 'hv-2', version: 2, securityGroupIds: [vpc.defaultSecurityGroupId], warnings: [] });
    expect(res.headers.get('operation-location')).toBe(`/v1/operations/${res.body.operation.id}`);
    const op = await operation(res.body.operation.id);
    expect(op).toMatchObject({
      type: 'instance.moved', status: 'queued', resource: { type: 'instance', id: gpu.id },
      message: expect.stringMatching(/^Moved instance gpu-move from hv-1 to hv-2; .*1 instance across 2 hypervisors$/),
    });
    expect(await targetsOf(res.body.operation.id)).toEqual(['hv-1', 'hv-2']);
    expect((await http.get(`/v1/instances/${gpu.id}`)).body.hypervisorId).toBe('hv-2');
    const onHv1 = (await http.get(`/v1/instances?vpcId=${vpc.id}&hypervisorId=hv-1&limit=1000`)).body;
    expect(onHv1.map((i: { id: string }) => i.id)).not.toContain(gpu.id);
  });

  it('a move to the hypervisor it is on changes nothing and its operation succeeds at once', async () => {
    const gpu = await register('gpu-stay');
    const before = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [gpu.id]);
    const res = await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-1' });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ hypervisorId: 'hv-1', version: 1, operation: { status: 'succeeded' } });
    expect(await operation(res.body.operation.id)).toMatchObject({ status: 'succeeded', targets: [], message: expect.stringMatching(/nothing to propagate$/) });
    const after = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1`, [gpu.id]);
    expect(after[0].n).toBe(before[0].n);
  });

  it('refuses a move to an unknown hypervisor (404 naming it), a bad body (400) and a stale If-Match (412)', async () => {
    const gpu = await register('gpu-nomove');
    const before = await eventCount();
    const unknown = await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-nope' });
    expect([unknown.status, unknown.body.errors]).toEqual([404, [{ path: 'hypervisorId', message: expect.any(String) }]]);
    const bad = await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 7, name: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['hypervisorId', 'name']);
    expect((await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-2' }, { 'if-match': '"5"' })).status).toBe(412);
    expect(await eventCount()).toBe(before);
    expect((await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-2' }, { 'if-match': '"1"' })).status).toBe(202);
  });

  it('deletes an instance: detached from every group that named it, gone afterwards, its hypervisor told', async () => {
    const gpu = await register('gpu-delete', { ipv4: '10.0.3.3' });
    const group = await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'extra', applyTo: { instanceIds: [gpu.id] } });
    expect(group.status).toBe(201);
    expect((await http.get(`/v1/instances/${gpu.id}`)).body.securityGroupIds.sort()).toEqual([vpc.defaultSecurityGroupId, group.body.id].sort());

    const res = await http.delete(`/v1/instances/${gpu.id}`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: gpu.id, deleted: true, operation: { id: expect.stringMatching(/^op-/), status: 'queued', href: expect.any(String) }, warnings: [] });
    expect(res.headers.get('operation-location')).toBe(res.body.operation.href);
    const op = await operation(res.body.operation.id);
    expect(op).toMatchObject({ type: 'instance.deleted', resource: { type: 'instance', id: gpu.id }, message: expect.stringMatching(/^Deleted instance gpu-delete from hv-1;/) });
    expect(await targetsOf(res.body.operation.id)).toEqual(['hv-1']);

    expect(await appliedTo(vpc.defaultSecurityGroupId)).not.toContain(gpu.id);
    expect(await appliedTo(group.body.id)).not.toContain(gpu.id);
    expect((await http.get(`/v1/instances/${gpu.id}`)).status).toBe(404);
    expect((await http.delete(`/v1/instances/${gpu.id}`)).status).toBe(404);
    expect((await http.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-2' })).status).toBe(404);
    // Its address is free again.
    expect((await http.post('/v1/instances', { name: 'reuse', vpcId: vpc.id, hypervisorId: 'hv-2', ipv4: '10.0.3.3' })).status).toBe(201);
  });

  it('tells the hypervisors of instances whose rules name a group the instance joins or leaves', async () => {
    const own = (await http.post('/v1/vpcs', { name: 'tiers', cidr: '10.1.0.0/16' })).body;
    const db = (await http.post('/v1/instances', { name: 'db', vpcId: own.id, hypervisorId: 'hv-2', ipv4: '10.1.0.10' })).body.id;
    const dbGroup = await http.post('/v1/security-groups', {
      vpcId: own.id, name: 'db', applyTo: { instanceIds: [db] },
      rules: [{ direction: 'inbound', protocol: 'tcp', ports: '5432', ipVersion: 'IPv4', remote: { group: own.defaultSecurityGroupId } }],
    });
    expect(dbGroup.status).toBe(201);

    const app = await http.post('/v1/instances', { name: 'app', vpcId: own.id, hypervisorId: 'hv-1', ipv4: '10.1.0.20' });
    expect(await targetsOf(app.body.operation.id)).toEqual(['hv-1', 'hv-2']);
    const gone = await http.delete(`/v1/instances/${app.body.id}`);
    expect(await targetsOf(gone.body.operation.id)).toEqual(['hv-1', 'hv-2']);
  });

  it('hides an instance from another tenant on every endpoint, and lets them change nothing', async () => {
    const gpu = await register('gpu-private');
    const other = http.as('otherTenant');
    const before = await eventCount();
    const answers = await Promise.all([
      other.get(`/v1/instances/${gpu.id}`),
      other.patch(`/v1/instances/${gpu.id}`, { hypervisorId: 'hv-2' }),
      other.delete(`/v1/instances/${gpu.id}`),
      other.get(`/v1/instances/${gpu.id}/effective-rules`),
      other.post(`/v1/instances/${gpu.id}/flow-check`, { direction: 'inbound', protocol: 'tcp', port: 22, remote: '203.0.113.9' }),
    ]);
    expect(answers.map((a) => [a.status, a.body.type])).toEqual(Array(5).fill([404, 'not-found']));
    expect(await eventCount()).toBe(before);
    expect((await http.as('operator').get(`/v1/instances/${gpu.id}`)).status).toBe(200);
  });

  it('answers 404, never 500, for ids that cannot be instances', async () => {
    for (const id of ['i-nope', 'nope', vpc.defaultSecurityGroupId, vpc.id, '%00', 'i-%E2%9C%93', 'x'.repeat(300)]) {
      expect((await http.get(`/v1/instances/${id}`)).status).toBe(404);
      expect((await http.delete(`/v1/instances/${id}`)).status).toBe(404);
      expect((await http.patch(`/v1/instances/${id}`, { hypervisorId: 'hv-1' })).status).toBe(404);
    }
  });

  it('documents the instance and hypervisor endpoints in the OpenAPI document', async () => {
    const doc = (await http.as('nobody').get('/docs-json')).body;
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/v1/instances', '/v1/instances/{id}', '/v1/instances/{id}/effective-rules', '/v1/instances/{id}/flow-check', '/v1/hypervisors', '/v1/hypervisors/{id}']));
    expect(Object.keys(doc.paths['/v1/instances/{id}'])).toEqual(expect.arrayContaining(['get', 'patch', 'delete']));
    expect(Object.keys(doc.components.schemas.EffectiveRuleResponse.properties)).toEqual(expect.arrayContaining(['id', 'direction', 'portRange', 'securityGroupId', 'securityGroupName', 'remoteCidrs']));
  });

  it('replays an idempotent registration without registering twice', async () => {
    const body = { name: 'idem', vpcId: vpc.id, hypervisorId: 'hv-1' };
    const first = await http.post('/v1/instances', body, { 'idempotency-key': 'register-idem-1' });
    const again = await http.post('/v1/instances', body, { 'idempotency-key': 'register-idem-1' });
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.text).toBe(first.text);
    const named = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM rm_instances WHERE name = 'idem'`);
    expect(named[0].n).toBe(1);
  });
});
