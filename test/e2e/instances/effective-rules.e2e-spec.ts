import { client, Client, registerAgent, startApi, StartedApi } from '../../support/api';

interface EffectiveRule {
  id: string;
  direction: string;
  protocol: string;
  remote: string | null;
  remoteGroupId: string | null;
  securityGroupId: string;
  securityGroupName: string;
  remoteCidrs: string[];
}

describe('effective rules and flow checks of an instance over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    expect((await registerAgent(api.url, 'hv-1', 'http://hv-1.example:7001')).status).toBe(201);
    vpc = (await http.post('/v1/vpcs', { name: 'ml', cidr: '10.0.0.0/16' })).body;
  });
  afterAll(() => api.close());

  const register = async (name: string, ipv4: string): Promise<string> => {
    const res = await http.post('/v1/instances', { name, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4 });
    expect(res.status).toBe(201);
    return res.body.id;
  };
  const effective = async (id: string): Promise<EffectiveRule[]> => {
    const res = await http.get(`/v1/instances/${id}/effective-rules`);
    expect(res.status).toBe(200);
    return res.body;
  };
  const flow = (id: string, body: unknown) => http.post(`/v1/instances/${id}/flow-check`, body);
  const createGroup = async (body: Record<string, unknown>): Promise<string> => {
    const res = await http.post('/v1/security-groups', { vpcId: vpc.id, ...body });
    expect(res.status).toBe(201);
    return res.body.id;
  };

  it('of a new instance are the default group\'s six outbound rules, each naming the group', async () => {
    const id = await register('fresh', '10.0.1.1');
    const rules = await effective(id);
    const defaultGroup = (await http.get(`/v1/security-groups/${vpc.defaultSecurityGroupId}`)).body;
    expect(rules).toHaveLength(6);
    expect(rules.map((r) => r.id)).toEqual(defaultGroup.outboundRules.map((r: { id: string }) => r.id));
    for (const [i, rule] of rules.entries()) {
      expect(rule).toEqual({ ...defaultGroup.outboundRules[i], securityGroupId: vpc.defaultSecurityGroupId, securityGroupName: 'default', remoteCidrs: [rule.remote] });
    }
  });

  it('allows outbound HTTPS to the internet through the default group, and denies inbound SSH by default', async () => {
    const id = await register('web', '10.0.1.2');
    const out = await flow(id, { direction: 'outbound', protocol: 'tcp', port: 443, remote: '8.8.8.8' });
    expect(out.status).toBe(200);
    expect(out.body.allowed).toBe(true);
    expect(out.body.matchedRules).toEqual([
      expect.objectContaining({ type: 'All traffic', protocol: 'all', remote: '0.0.0.0/0', securityGroupId: vpc.defaultSecurityGroupId, securityGroupName: 'default' }),
    ]);
    const inbound = await flow(id, { direction: 'inbound', protocol: 'tcp', port: 22, remote: '203.0.113.9' });
    expect([inbound.status, inbound.body]).toEqual([200, { allowed: false, matchedRules: [] }]);
  });

  it('sees a new inbound rule: the flow is allowed, naming the rule and its group, and the rule joins the effective set', async () => {
    const id = await register('ssh-target', '10.0.1.3');
    const groupId = await createGroup({ name: 'ssh-admins', applyTo: { instanceIds: [id] } });
    const added = await http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }] });
    expect(added.status).toBe(202);
    const ruleId = added.body.inboundRules[0].id;

    const verdict = await flow(id, { direction: 'inbound', protocol: 'tcp', port: 22, remote: '203.0.113.9' });
    expect(verdict.body.allowed).toBe(true);
    expect(verdict.body.matchedRules).toEqual([
      expect.objectContaining({ id: ruleId, type: 'SSH', portRange: { from: 22, to: 22 }, remote: '203.0.113.0/24', securityGroupId: groupId, securityGroupName: 'ssh-admins', remoteCidrs: ['203.0.113.0/24'] }),
    ]);
    expect((await flow(id, { direction: 'inbound', protocol: 'tcp', port: 22, remote: '198.51.100.1' })).body.allowed).toBe(false);
    expect((await flow(id, { direction: 'inbound', protocol: 'tcp', port: 23, remote: '203.0.113.9' })).body.allowed).toBe(false);

    const rules = await effective(id);
    expect(rules).toHaveLength(7);
    expect(rules.filter((r) => r.securityGroupId === groupId).map((r) => r.id)).toEqual([ruleId]);
    expect((await http.get(`/v1/instances/${id}`)).body.securityGroupIds.sort()).toEqual([vpc.defaultSecurityGroupId, groupId].sort());
  });

  it('counts groups applied through a CIDR, and resolves a remote group to its members\' addresses', async () => {
    const db = await register('db', '10.0.2.7');
    const app = await register('app', '10.0.3.5');
    const appTier = await createGroup({ name: 'app-tier', applyTo: { cidrs: ['10.0.3.0/24'] } });
    const dbGroup = await createGroup({ name: 'db-servers', applyTo: { instanceIds: [db] } });
    const added = await http.post(`/v1/security-groups/${dbGroup}/rules`, {
      rules: [{ direction: 'inbound', protocol: 'tcp', ports: '5432', ipVersion: 'IPv4', remote: { group: appTier } }],
    });
    expect(added.status).toBe(202);

    expect((await http.get(`/v1/instances/${app}`)).body.securityGroupIds.sort()).toEqual([vpc.defaultSecurityGroupId, appTier].sort());
    const fromGroup = (await effective(db)).find((r) => r.remoteGroupId === appTier);
    expect(fromGroup).toMatchObject({ securityGroupId: dbGroup, remote: null, remoteCidrs: ['10.0.3.5/32'] });
    expect((await flow(db, { direction: 'inbound', protocol: 'tcp', port: 5432, remote: '10.0.3.5' })).body.allowed).toBe(true);
    expect((await flow(db, { direction: 'inbound', protocol: 'tcp', port: 5432, remote: '10.0.3.6' })).body.allowed).toBe(false);

    // A later instance inside the CIDR joins the tier, and so the database's rule.
    await register('app-2', '10.0.3.6');
    expect((await flow(db, { direction: 'inbound', protocol: 'tcp', port: 5432, remote: '10.0.3.6' })).body.allowed).toBe(true);
  });

  it('lists every bad field of a flow check, and never writes', async () => {
    const id = await register('checked', '10.0.1.4');
    const before = (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const bad = await flow(id, { direction: 'sideways', protocol: 'all', remote: '203.0.113.0/24', colour: 'red' });
    expect(bad.status).toBe(400);
    expect(bad.body.type).toBe('validation-failed');
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['colour', 'direction', 'protocol', 'remote']);
    const noPort = await flow(id, { direction: 'inbound', protocol: 'tcp', remote: '203.0.113.9' });
    expect(noPort.body.errors.map((e: { path: string }) => e.path)).toEqual(['port']);
    for (const body of [null, [], 'tcp', { direction: 'inbound', protocol: 'udp', port: 1e300, remote: '203.0.113.9' }, { direction: 'inbound', protocol: 'icmp', port: 1, remote: '::1' }]) {
      expect((await flow(id, body)).status).toBe(400);
    }
    expect((await flow(id, { direction: 'inbound', protocol: 'icmp', icmp: { type: 8 }, remote: '203.0.113.9' })).body).toEqual({ allowed: false, matchedRules: [] });
    expect((await flow(id, { direction: 'outbound', protocol: 'udp', port: 53, remote: '2001:db8::53' })).body.allowed).toBe(true);
    expect((await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n).toBe(before);
  });

  it('answers 404 for an unknown instance', async () => {
    expect((await http.get('/v1/instances/i-nope/effective-rules')).status).toBe(404);
    expect((await flow('i-nope', { direction: 'inbound', protocol: 'tcp', port: 22, remote: '203.0.113.9' })).status).toBe(404);
  });
});
