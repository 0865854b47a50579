import { client, startApi, StartedApi } from '../../support/api';
import { neutron, passwordAuth } from '../../support/openstack';

/**
 * The Neutron face over real HTTP: the Keystone subset, Neutron's shapes, statuses and messages,
 * and the mapping decisions (project VPC, Neutron's default group, egress rules, delete with rules).
 * tempest runs the full conformance tests (scripts/conformance.sh); these pin the key behaviours.
 */
describe('the Neutron face', () => {
  let api: StartedApi;
  let member: Awaited<ReturnType<typeof neutron>>;
  let operator: Awaited<ReturnType<typeof neutron>>;

  beforeAll(async () => {
    api = await startApi();
    member = await neutron(api.url, 'member');
    operator = await neutron(api.url, 'operator');
    // The tests below make more groups than Neutron's default quota of 10.
    await operator.put('/v2.0/quotas/demo', { quota: { security_group: -1 } });
  });
  afterAll(() => api.close());

  const newGroup = async (name: string) => {
    const res = await member.post('/v2.0/security-groups', { security_group: { name } });
    expect(res.status).toBe(201);
    return res.body.security_group;
  };
  const rule = (group: { id: string }, fields: Record<string, unknown>) => member.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: group.id, ...fields } });

  describe('identity', () => {
    it('issues a token with the project, the roles and a catalog whose URLs are the ones the client reached', async () => {
      const res = await member.raw('POST', '/identity/v3/auth/tokens', null, passwordAuth('demo', 'member-key-demo-0001'));
      expect(res.status).toBe(201);
      expect(res.headers.get('x-subject-token')).toMatch(/\S{20,}/);
      const { token } = res.body;
      expect(token.project).toEqual({ id: 'demo', name: 'demo', domain: { id: 'default', name: 'Default' } });
      expect(token.roles.map((r: { name: string }) => r.name).sort()).toEqual(['member', 'reader']);
      expect(token.expires_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
      expect(Date.parse(token.expires_at) - Date.now()).toBeGreaterThan(3600_000);
      const network = token.catalog.find((s: { type: string }) => s.type === 'network');
      expect(network.endpoints[0]).toMatchObject({ interface: 'public', region: 'RegionOne', url: api.url });
      const admin = await member.raw('POST', '/identity/v3/auth/tokens', null, passwordAuth('ops', 'operator-key-ops-0001'));
      expect(admin.body.token.roles.map((r: { name: string }) => r.name)).toContain('admin');
    });

    it('answers a wrong password, an unknown user and another project\'s scope with Keystone\'s 401', async () => {
      for (const body of [passwordAuth('demo', 'wrong-password'), passwordAuth('nobody', 'member-key-demo-0001'), passwordAuth('demo', 'member-key-demo-0001', 'acme')]) {
        const res = await member.raw('POST', '/identity/v3/auth/tokens', null, body);
        expect(res.status).toBe(401);
        expect(res.body.error).toMatchObject({ code: 401, title: 'Unauthorized', message: expect.any(String) });
      }
    });

    it('serves the version document the openstack CLI discovers', async () => {
      const res = await member.raw('GET', '/identity/v3', null);
      expect(res.status).toBe(200);
      expect(res.body.version).toMatchObject({ id: 'v3.14', status: 'stable' });
    });

    it('refuses /v2.0 without a valid token with NeutronError JSON, never problem+json', async () => {
      for (const token of [null, 'forged.token']) {
        const res = await member.raw('GET', '/v2.0/security-groups', token);
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
        expect(res.body.NeutronError.type).toBe('Unauthorized');
      }
    });
  });

  describe('security groups', () => {
    it('lists the project\'s default group, made on first use with Neutron\'s rules', async () => {
      const res = await member.get('/v2.0/security-groups');
      expect(res.status).toBe(200);
      const defaults = res.body.security_groups.filter((g: { name: string }) => g.name === 'default');
      expect(defaults).toHaveLength(1);
      const rules = defaults[0].security_group_rules.map((r: Record<string, unknown>) => [r.direction, r.ethertype, r.remote_group_id === defaults[0].id, r.remote_ip_prefix]);
      expect(rules.sort()).toEqual([['egress', 'IPv4', false, null], ['egress', 'IPv6', false, null], ['ingress', 'IPv4', true, null], ['ingress', 'IPv6', true, null]].sort());
      expect(defaults[0]).toMatchObject({ project_id: 'demo', tenant_id: 'demo', stateful: true, shared: false, tags: [] });
    });

    it('creates a group with two egress rules, names need not be unique, and "default" is refused', async () => {
      const a = await newGroup('web');
      const b = await newGroup('web');
      expect(a.id).not.toBe(b.id);
      expect(a.security_group_rules.map((r: Record<string, unknown>) => [r.direction, r.ethertype, r.protocol, r.remote_ip_prefix]).sort()).toEqual([['egress', 'IPv4', null, null], ['egress', 'IPv6', null, null]]);
      const clash = await member.post('/v2.0/security-groups', { security_group: { name: 'Default' } });
      expect(clash.status).toBe(409);
      expect(clash.body.NeutronError.message).toContain('Default security group already exists.');
      const long = await member.post('/v2.0/security-groups', { security_group: { name: 'x'.repeat(256) } });
      expect(long.status).toBe(400);
      const unknown = await member.post('/v2.0/security-groups', { security_group: { name: 'x', colour: 'red' } });
      expect(unknown.status).toBe(400);
    });

    it('creates in bulk, renames, and keeps the default group\'s name', async () => {
      const bulk = await member.post('/v2.0/security-groups', { security_groups: [{ name: 'one' }, { security_group: { name: 'two' } }] });
      expect(bulk.status).toBe(201);
      expect(bulk.body.security_groups.map((g: { name: string }) => g.name)).toEqual(['one', 'two']);
      const renamed = await member.put(`/v2.0/security-groups/${bulk.body.security_groups[0].id}`, { security_group: { name: 'uno', description: 'first' } });
      expect(renamed.status).toBe(200);
      expect(renamed.body.security_group).toMatchObject({ name: 'uno', description: 'first' });
      const { body } = await member.get('/v2.0/security-groups?name=default');
      const refused = await member.put(`/v2.0/security-groups/${body.security_groups[0].id}`, { security_group: { name: 'other' } });
      expect(refused.status).toBe(409);
      expect(refused.body.NeutronError.message).toContain('Updating default security group not allowed.');
      const kept = await member.delete(`/v2.0/security-groups/${body.security_groups[0].id}`);
      expect(kept.status).toBe(409);
    });

    it('answers 404 for unknown ids, ids that are not ids, and another project\'s groups', async () => {
      const group = await newGroup('mine');
      const other = await neutron(api.url, 'otherTenant');
      for (const [who, path] of [[member, '/v2.0/security-groups/web'], [member, '/v2.0/security-groups/sg-0000000000000000000000'], [other, `/v2.0/security-groups/${group.id}`]] as const) {
        const res = await who.get(path);
        expect(res.status).toBe(404);
        expect(res.body.NeutronError.type).toBe('SecurityGroupNotFound');
      }
      expect((await other.get('/v2.0/security-groups')).body.security_groups.map((g: { id: string }) => g.id)).not.toContain(group.id);
      expect((await operator.get(`/v2.0/security-groups/${group.id}`)).status).toBe(200);
    });

    it('deletes a group with its rules (204, empty body), then 404', async () => {
      const group = await newGroup('doomed');
      expect((await rule(group, { direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22 })).status).toBe(201);
      const res = await member.delete(`/v2.0/security-groups/${group.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await member.delete(`/v2.0/security-groups/${group.id}`)).status).toBe(404);
      expect((await member.get(`/v2.0/security-group-rules?security_group_id=${group.id}`)).body.security_group_rules).toEqual([]);
    });

    it('sorts and pages lists as Neutron does', async () => {
      const asc = await member.get('/v2.0/security-groups?sort_key=name&sort_dir=asc');
      const names = asc.body.security_groups.map((g: { name: string }) => g.name);
      expect(names).toEqual([...names].sort());
      const page = await member.get('/v2.0/security-groups?sort_key=name&sort_dir=asc&limit=2');
      expect(page.body.security_groups).toHaveLength(2);
      expect(page.body.security_groups_links[0].rel).toBe('next');
    });
  });

  describe('rules', () => {
    it('returns a rule on create exactly as show does, with null remotes when none was sent', async () => {
      const group = await newGroup('rules');
      const created = await rule(group, { direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: null, remote_group_id: null });
      expect(created.status).toBe(201);
      expect(Object.keys(created.body)).toEqual(['security_group_rule']);
      expect(created.body.security_group_rule).toMatchObject({ protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: null, remote_group_id: null, ethertype: 'IPv4' });
      const shown = await member.get(`/v2.0/security-group-rules/${created.body.security_group_rule.id}`);
      expect(shown.body.security_group_rule).toEqual(created.body.security_group_rule);
      expect(created.headers.get('operation-location')).toMatch(/^\/v1\/operations\/op-/);
    });

    it('keeps the protocol as given: numbers as text, IPv6 ICMP as ipv6-icmp; ports 1-65535 mean all', async () => {
      const group = await newGroup('protocols');
      expect((await rule(group, { direction: 'ingress', protocol: 17 })).body.security_group_rule.protocol).toBe('17');
      expect((await rule(group, { direction: 'ingress', protocol: 'GRE' })).body.security_group_rule.protocol).toBe('gre');
      expect((await rule(group, { direction: 'ingress', protocol: 'icmp', ethertype: 'IPv6' })).body.security_group_rule.protocol).toBe('ipv6-icmp');
      const all = (await rule(group, { direction: 'ingress', protocol: 'tcp', port_range_min: 1, port_range_max: 65535 })).body.security_group_rule;
      expect([all.port_range_min, all.port_range_max]).toEqual([null, null]);
      const icmp = (await rule(group, { direction: 'ingress', protocol: 'icmp', port_range_min: 11, port_range_max: null })).body.security_group_rule;
      expect([icmp.port_range_min, icmp.port_range_max]).toEqual([11, null]);
      const v6 = (await rule(group, { direction: 'ingress', ethertype: 'ipv6', protocol: 'tcp', port_range_min: 80, port_range_max: 80, remote_ip_prefix: '2001:db8::1' })).body.security_group_rule;
      expect(v6).toMatchObject({ ethertype: 'IPv6', remote_ip_prefix: '2001:db8::1/128' });
    });

    it('validates as Neutron does, with its messages', async () => {
      const group = await newGroup('invalid');
      const cases: [Record<string, unknown>, number, string][] = [
        [{ direction: 'ingress', protocol: 'tcp', port_range_min: -16, port_range_max: 22 }, 400, 'Invalid value for port -16'],
        [{ direction: 'ingress', protocol: 'tcp', port_range_min: null, port_range_max: 6 }, 400, 'For TCP/UDP protocols, port_range_min must be <= port_range_max'],
        [{ direction: 'ingress', protocol: 'icmp', port_range_min: 300, port_range_max: 1 }, 400, 'Invalid value for ICMP type (port_range_min) 300. It must be 0 to 255.'],
        [{ direction: 'ingress', protocol: 'icmp', port_range_min: 1, port_range_max: 256 }, 400, 'Invalid value for ICMP code (port_range_max) 256. It must be 0 to 255.'],
        [{ direction: 'ingress', protocol: 'icmp', port_range_min: null, port_range_max: 6 }, 400, 'ICMP code (port-range-max) 6 is provided but ICMP type (port-range-min) is missing.'],
        [{ direction: 'ingress', ethertype: 'IPv6', remote_ip_prefix: '10.100.0.0/16' }, 400, 'Conflicting value ethertype IPv6 for CIDR 10.100.0.0/16'],
        [{ direction: 'ingress', protocol: 'ipv6-frag' }, 400, 'IPv6'],
        [{ direction: 'ingress', remote_ip_prefix: '192.168.1.1/33' }, 400, 'remote_ip_prefix'],
        [{ direction: 'ingress', protocol: 'bad' }, 400, 'not supported'],
        [{ direction: 'sideways' }, 400, 'direction'],
        [{ direction: 'ingress', remote_group_id: 'bad_group_id' }, 404, 'bad_group_id'],
      ];
      const answers = [];
      for (const [fields, , message] of cases) {
        const res = await rule(group, fields);
        answers.push({ fields, status: res.status, message: res.body.NeutronError?.message?.includes(message) ? message : res.body.NeutronError?.message });
        expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      }
      expect(answers).toEqual(cases.map(([fields, status, message]) => ({ fields, status, message })));
      expect((await member.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: 'sg-0000000000000000000000', direction: 'ingress' } })).status).toBe(404);
    });

    it('refuses a duplicate with 409 naming the rule, whether the protocol is a name or its number', async () => {
      const group = await newGroup('dups');
      const first = (await rule(group, { direction: 'ingress', protocol: 'udp', port_range_min: 53, port_range_max: 53 })).body.security_group_rule;
      const again = await rule(group, { direction: 'ingress', protocol: '17', port_range_min: 53, port_range_max: 53, remote_ip_prefix: '0.0.0.0/0' });
      expect(again.status).toBe(409);
      expect(again.body.NeutronError.message).toBe(`Security group rule already exists. Rule id is ${first.id}.`);
    });

    it('adds and removes rules of the default group, and filters rule lists', async () => {
      const { body } = await member.get('/v2.0/security-groups?name=default');
      const group = body.security_groups[0];
      const added = await rule(group, { direction: 'ingress', protocol: 'tcp', port_range_min: 8080, port_range_max: 8080 });
      expect(added.status).toBe(201);
      const listed = await member.get(`/v2.0/security-group-rules?security_group_id=${group.id}&protocol=tcp&direction=ingress`);
      expect(listed.body.security_group_rules.map((r: { id: string }) => r.id)).toEqual([added.body.security_group_rule.id]);
      expect((await member.delete(`/v2.0/security-group-rules/${added.body.security_group_rule.id}`)).status).toBe(204);
      expect((await member.get(`/v2.0/security-group-rules/${added.body.security_group_rule.id}`)).status).toBe(404);
    });
  });

  describe('quotas, tags, extensions, networks', () => {
    it('shows Neutron\'s default quotas; only an admin sets (bounded) or resets them, and they hold', async () => {
      const other = await neutron(api.url, 'otherTenant');
      expect((await other.get('/v2.0/quotas/acme')).body.quota).toEqual({ security_group: 10, security_group_rule: 100 });
      expect((await other.put('/v2.0/quotas/acme', { quota: { security_group: 50 } })).status).toBe(403);
      for (const bad of [-2, 2147483648, 'value']) expect((await operator.put('/v2.0/quotas/acme', { quota: { security_group: bad } })).status).toBe(400);
      const used = (await other.get('/v2.0/security-groups')).body.security_groups.length;
      expect((await operator.put('/v2.0/quotas/acme', { quota: { security_group: used } })).body.quota.security_group).toBe(used);
      const over = await other.post('/v2.0/security-groups', { security_group: { name: 'one-too-many' } });
      expect(over.status).toBe(409);
      expect(over.body.NeutronError.message).toContain("Quota exceeded for resources: ['security_group']");
      expect((await operator.delete('/v2.0/quotas/acme')).status).toBe(204);
      expect((await other.post('/v2.0/security-groups', { security_group: { name: 'fits' } })).status).toBe(201);
    });

    it('keeps tags as a list of strings and filters by them', async () => {
      const group = await newGroup('tagged');
      expect((await member.put(`/v2.0/security-groups/${group.id}/tags`, { tags: ['red', 'blue'] })).body.tags.sort()).toEqual(['blue', 'red']);
      expect((await member.put(`/v2.0/security-groups/${group.id}/tags/green`)).status).toBe(201);
      expect((await member.get(`/v2.0/security-groups/${group.id}/tags/green`)).status).toBe(204);
      expect((await member.get(`/v2.0/security-groups/${group.id}/tags/black`)).status).toBe(404);
      expect((await member.delete(`/v2.0/security-groups/${group.id}/tags/red`)).status).toBe(204);
      const found = await member.get('/v2.0/security-groups?tags=blue,green');
      expect(found.body.security_groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
      expect((await member.get('/v2.0/security-groups?not-tags-any=green')).body.security_groups.map((g: { id: string }) => g.id)).not.toContain(group.id);
    });

    it('lists only the extensions it implements', async () => {
      const aliases = (await member.get('/v2.0/extensions')).body.extensions.map((e: { alias: string }) => e.alias);
      expect(aliases).toEqual(expect.arrayContaining(['security-group', 'quotas', 'standard-attr-tag', 'standard-attr-description', 'project-id']));
      expect(aliases).not.toContain('stateful-security-group');
      expect(aliases).not.toContain('rbac-security-groups');
      expect((await member.get('/v2.0/extensions/quotas')).body.extension.alias).toBe('quotas');
      expect((await member.get('/v2.0/extensions/rbac-security-groups')).status).toBe(404);
    });

    it('creates, shows and deletes networks as VPCs of the project', async () => {
      const created = await member.post('/v2.0/networks', { network: { name: 'net-1' } });
      expect(created.status).toBe(201);
      expect(created.body.network).toMatchObject({ name: 'net-1', project_id: 'demo', status: 'ACTIVE', subnets: [], admin_state_up: true, shared: false });
      const vpc = await client(api.url).get(`/v1/vpcs/${created.body.network.id}`);
      expect(vpc.body).toMatchObject({ id: created.body.network.id, name: 'net-1' });
      expect((await member.delete(`/v2.0/networks/${created.body.network.id}`)).status).toBe(204);
      expect((await member.delete(`/v2.0/networks/${created.body.network.id}`)).status).toBe(404);
    });
  });
});
