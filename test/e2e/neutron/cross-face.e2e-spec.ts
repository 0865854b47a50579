import { client, Client, startApi, StartedApi } from '../../support/api';
import { neutron } from '../../support/openstack';

/**
 * One core under two faces: what either face writes, the other shows consistently; the project's
 * quotas count both faces' writes; /v1 takes any IP protocol by name or number too.
 */
describe('the Neutron face and /v1 together', () => {
  let api: StartedApi;
  let http: Client;
  let member: Awaited<ReturnType<typeof neutron>>;
  let operator: Awaited<ReturnType<typeof neutron>>;
  let projectVpcId: string;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    member = await neutron(api.url, 'member');
    operator = await neutron(api.url, 'operator');
    await operator.put('/v2.0/quotas/demo', { quota: { security_group: -1 } });
    // The project's first Neutron request makes its VPC, which /v1 lists like any other.
    await member.get('/v2.0/security-groups');
    const vpcs = (await http.get('/v1/vpcs')).body as { id: string; name: string }[];
    projectVpcId = vpcs.find((v) => v.name === 'openstack-project')!.id;
  });
  afterAll(() => api.close());

  it('shows a group made through Neutron in /v1, with the same rules', async () => {
    const created = (await member.post('/v2.0/security-groups', { security_group: { name: 'from-neutron', description: 'made in Neutron' } })).body.security_group;
    const rule = (await member.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: created.id, direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '198.51.100.0/24' } })).body.security_group_rule;
    const v1 = await http.get(`/v1/security-groups/${created.id}`);
    expect(v1.status).toBe(200);
    expect(v1.body).toMatchObject({ id: created.id, vpcId: projectVpcId, name: 'from-neutron', description: 'made in Neutron' });
    expect(v1.body.inboundRules).toEqual([expect.objectContaining({ id: rule.id, protocol: 'tcp', portRange: { from: 22, to: 22 }, remote: '198.51.100.0/24', ipVersion: 'IPv4' })]);
    // Neutron's egress rules name no remote: /v1 shows what they match, every address.
    expect(v1.body.outboundRules.map((r: { protocol: string; remote: string }) => [r.protocol, r.remote]).sort()).toEqual([['all', '0.0.0.0/0'], ['all', '::/0']]);
    // A change through /v1 shows in Neutron.
    expect((await http.patch(`/v1/security-groups/${created.id}`, { name: 'renamed-in-v1', tags: { team: 'ml' } })).status).toBe(200);
    const shown = (await member.get(`/v2.0/security-groups/${created.id}`)).body.security_group;
    expect(shown).toMatchObject({ name: 'renamed-in-v1', tags: ['team'] });
  });

  it('shows a group made through /v1 in the project VPC in Neutron, following Neutron\'s conventions', async () => {
    const created = await http.post('/v1/security-groups', { vpcId: projectVpcId, name: 'from-v1', rules: [{ direction: 'inbound', protocol: 'udp', ports: '53', remote: '10.0.0.0/8' }] });
    expect(created.status).toBe(201);
    const shown = await member.get(`/v2.0/security-groups/${created.body.id}`);
    expect(shown.status).toBe(200);
    const rules = shown.body.security_group.security_group_rules.map((r: Record<string, unknown>) => [r.direction, r.protocol, r.port_range_min, r.remote_ip_prefix]);
    expect(rules.sort()).toEqual([['egress', null, null, null], ['egress', null, null, null], ['ingress', 'udp', 53, '10.0.0.0/8']].sort());
    expect((await member.get('/v2.0/security-groups?name=from-v1')).body.security_groups).toHaveLength(1);
    // Deleted through Neutron with its rules: gone from /v1 too.
    expect((await member.delete(`/v2.0/security-groups/${created.body.id}`)).status).toBe(204);
    expect((await http.get(`/v1/security-groups/${created.body.id}`)).status).toBe(404);
  });

  it('keeps /v1\'s own VPCs to /v1: their groups are not Neutron\'s', async () => {
    const vpc = (await http.post('/v1/vpcs', { name: 'plain' })).body;
    const group = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'plain-group' })).body;
    expect(group.outboundRules).toEqual([]);
    expect((await member.get(`/v2.0/security-groups/${group.id}`)).status).toBe(404);
    expect((await member.get('/v2.0/security-groups')).body.security_groups.map((g: { id: string }) => g.id)).not.toContain(group.id);
  });

  it('counts both faces\' groups against the project\'s quota', async () => {
    const used = (await member.get('/v2.0/quotas/demo/details')).body.quota.security_group.used;
    await operator.put('/v2.0/quotas/demo', { quota: { security_group: used + 1 } });
    const viaV1 = await http.post('/v1/security-groups', { vpcId: projectVpcId, name: 'last-one' });
    expect(viaV1.status).toBe(201);
    const viaNeutron = await member.post('/v2.0/security-groups', { security_group: { name: 'over' } });
    expect(viaNeutron.status).toBe(409);
    const viaV1Again = await http.post('/v1/security-groups', { vpcId: projectVpcId, name: 'over-too' });
    expect(viaV1Again.status).toBe(422);
    expect(viaV1Again.body.type).toBe('quota-exceeded');
    await operator.put('/v2.0/quotas/demo', { quota: { security_group: -1 } });
  });

  it('shows and manages the same quotas at /v1/quotas/{tenant} (operators set them)', async () => {
    const shown = await http.get('/v1/quotas/demo');
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ tenant: 'demo', securityGroups: { limit: -1 }, securityGroupRules: { limit: 100 } });
    expect(shown.body.securityGroups.used).toBe((await member.get('/v2.0/quotas/demo/details')).body.quota.security_group.used);
    expect((await http.get('/v1/quotas/acme')).status).toBe(404);
    expect((await http.put('/v1/quotas/demo', { securityGroupRules: 500 })).status).toBe(403);
    const ops = http.as('operator');
    const set = await ops.put('/v1/quotas/demo', { securityGroupRules: 500 });
    expect(set.status).toBe(200);
    expect(set.body.securityGroupRules.limit).toBe(500);
    expect((await member.get('/v2.0/quotas/demo')).body.quota.security_group_rule).toBe(500);
    for (const bad of [{ securityGroups: -2 }, { securityGroups: 2147483648 }, { securityGroups: '5' }, { colour: 1 }, {}]) {
      expect((await ops.put('/v1/quotas/demo', bad)).status).toBe(400);
    }
    const reset = await ops.delete('/v1/quotas/demo');
    expect(reset.status).toBe(200);
    expect(reset.body).toMatchObject({ securityGroups: { limit: 10 }, securityGroupRules: { limit: 100 } });
    await operator.put('/v2.0/quotas/demo', { quota: { security_group: -1 } });
  });

  it('takes any IP protocol in /v1, by name or by number 0-255', async () => {
    const vpc = (await http.post('/v1/vpcs', { name: 'protocols' })).body;
    const group = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'any-protocol' })).body;
    const add = (rule: Record<string, unknown>) => http.post(`/v1/security-groups/${group.id}/rules`, { rules: [{ direction: 'inbound', remote: '10.0.0.0/8', ...rule }] });
    const protocols = [];
    for (const [i, protocol] of ['gre', 47, 'esp', 0, 255, '132', 6, 'udp'].entries()) {
      const res = await add({ protocol, remote: `10.${i}.0.0/16`, ...(protocol === 6 || protocol === 'udp' ? { ports: '443' } : {}) });
      protocols.push([protocol, res.status, res.status === 202 ? res.body.inboundRules.at(-1).protocol : res.body.errors]);
    }
    expect(protocols).toEqual([
      ['gre', 202, 'gre'],
      [47, 202, '47'],
      ['esp', 202, 'esp'],
      [0, 202, '0'],
      [255, 202, '255'],
      ['132', 202, '132'],
      [6, 202, 'tcp'],
      ['udp', 202, 'udp'],
    ]);
    // gre and 47 are one protocol: the second is a duplicate.
    expect((await add({ protocol: 47, remote: '10.0.0.0/16' })).status).toBe(409);
    expect((await add({ protocol: 'sctp', ports: '9000-9001' })).status).toBe(202);
    for (const bad of [256, -1, 'grease', '07']) expect((await add({ protocol: bad })).status).toBe(400);
    // IPv6-only protocols need an IPv6 rule.
    expect((await add({ protocol: 'ipv6-frag' })).status).toBe(400);
  });
});
