import { client, Client, startApi, StartedApi } from '../../support/api';
import { registerInstance } from '../../support/fixtures';

describe('deleting security groups over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    vpc = (await http.post('/v1/vpcs', { name: 'deletes', cidr: '10.0.0.0/16' })).body;
  });
  afterAll(() => api.close());

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;

  it('refuses to delete a group that still has rules, saying how many (409 group-has-rules)', async () => {
    const g = (
      await http.post('/v1/security-groups', {
        vpcId: vpc.id,
        name: 'has-rules',
        rules: [
          { direction: 'inbound', preset: 'HTTPS', remote: ['203.0.113.0/24'] },
          { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7', '198.51.100.7'] },
        ],
      })
    ).body;
    expect(g.inboundRules).toHaveLength(3);
    const before = await eventCount();
    const res = await http.delete(`/v1/security-groups/${g.id}`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('group-has-rules');
    expect(res.body.detail).toMatch(/\b3 rules\b/);
    expect(await eventCount()).toBe(before);
    expect((await http.get(`/v1/security-groups/${g.id}`)).status).toBe(200);
  });

  it('deletes an empty group: 202 with {id, deleted, operation}, then it is gone', async () => {
    const g = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'empty' })).body;
    const res = await http.delete(`/v1/security-groups/${g.id}`);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: g.id, deleted: true, operation: { id: expect.stringMatching(/^op-/), status: 'succeeded', href: expect.stringMatching(/^\/v1\/operations\/op-/) } });
    expect(res.headers.get('operation-location')).toBe(res.body.operation.href);
    expect((await http.get(`/v1/security-groups/${g.id}`)).status).toBe(404);
    expect((await http.delete(`/v1/security-groups/${g.id}`)).status).toBe(404);
    expect((await http.patch(`/v1/security-groups/${g.id}`, { name: 'back' })).status).toBe(404);
    const listed = (await http.get(`/v1/security-groups?vpcId=${vpc.id}`)).body.map((x: { id: string }) => x.id);
    expect(listed).not.toContain(g.id);
    // The name is free again.
    expect((await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'empty' })).status).toBe(201);
  });

  it('refuses to delete a group that another group\'s rules name as remote (409 conflict)', async () => {
    const target = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'db-clients' })).body;
    const user = (
      await http.post('/v1/security-groups', {
        vpcId: vpc.id,
        name: 'db',
        rules: [{ direction: 'inbound', preset: 'MySQL', remote: { group: target.id }, ipVersion: 'IPv4' }],
      })
    ).body;
    expect(user.inboundRules[0]).toMatchObject({ remote: null, remoteGroupId: target.id });
    const res = await http.delete(`/v1/security-groups/${target.id}`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('conflict');
    expect(res.body.detail).toContain(user.id);
    expect((await http.get(`/v1/security-groups/${target.id}`)).status).toBe(200);
  });

  it('refuses to delete the default group (409 default-group-immutable)', async () => {
    const res = await http.delete(`/v1/security-groups/${vpc.defaultSecurityGroupId}`);
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('default-group-immutable');
  });

  it('detaches a deleted group everywhere, and its operation carries that to the instances\' hypervisors', async () => {
    const instanceId = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.7.5', hypervisorId: 'hv-delete-1' });
    const g = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'applied', applyTo: { instanceIds: [instanceId], cidrs: ['10.0.8.0/24'] } })).body;
    expect(g.appliedTo).toEqual({ instanceIds: [instanceId], cidrs: ['10.0.8.0/24'] });
    const res = await http.delete(`/v1/security-groups/${g.id}`);
    expect(res.status).toBe(202);
    // No worker runs in this test: the operation waits for the hypervisor.
    expect(res.body.operation.status).toBe('queued');
    const [deleted] = await api.db.dataSource.query(`SELECT data FROM events WHERE stream_id = $1 AND type = 'security-group.deleted'`, [g.id]);
    expect(deleted.data).toMatchObject({ detachedInstanceIds: [instanceId], detachedCidrs: ['10.0.8.0/24'] });
    const [op] = await api.db.dataSource.query(`SELECT state FROM rm_operations WHERE id = $1`, [res.body.operation.id]);
    expect(op.state.operation.targets.map((t: { hypervisorId: string }) => t.hypervisorId)).toEqual(['hv-delete-1']);
  });
});
