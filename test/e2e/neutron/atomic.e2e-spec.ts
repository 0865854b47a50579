import { client, Client, startApi, StartedApi } from '../../support/api';
import { neutron } from '../../support/openstack';

/**
 * What Neutron does in one step, this face does in one change: deleting a group removes the rules
 * of other groups that name it as their remote; bulk creations are all or nothing; quotas hold
 * under concurrent creations.
 */
describe('the Neutron face: one change, all or nothing', () => {
  let api: StartedApi;
  let http: Client;
  let member: Awaited<ReturnType<typeof neutron>>;
  let acme: Awaited<ReturnType<typeof neutron>>;
  let operator: Awaited<ReturnType<typeof neutron>>;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    member = await neutron(api.url, 'member');
    acme = await neutron(api.url, 'otherTenant');
    operator = await neutron(api.url, 'operator');
    await operator.put('/v2.0/quotas/demo', { quota: { security_group: -1, security_group_rule: -1 } });
  });
  afterAll(() => api.close());

  const newGroup = async (name: string, who = member) => {
    const res = await who.post('/v2.0/security-groups', { security_group: { name } });
    expect(res.status).toBe(201);
    return res.body.security_group as { id: string; name: string };
  };
  const addRule = async (group: { id: string }, fields: Record<string, unknown>, who = member) => {
    const res = await who.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: group.id, direction: 'ingress', ...fields } });
    expect(res.status).toBe(201);
    return res.body.security_group_rule as { id: string };
  };
  const ruleIds = async (group: { id: string }) =>
    ((await member.get(`/v2.0/security-group-rules?security_group_id=${group.id}`)).body.security_group_rules as { id: string }[]).map((r) => r.id).sort();
  const groupCount = async (who: typeof member) => ((await who.get('/v2.0/security-groups')).body.security_groups as unknown[]).length;
  const ruleCount = async (who: typeof member) => ((await who.get('/v2.0/security-group-rules')).body.security_group_rules as unknown[]).length;

  describe('deleting a group that other groups\' rules name as their remote', () => {
    it('deletes those rules with it, in one change with one operation, and leaves the groups\' other rules', async () => {
      const web = await newGroup('web');
      const db = await newGroup('db');
      const cache = await newGroup('cache');
      const fromWeb = await addRule(db, { protocol: 'tcp', port_range_min: 5432, port_range_max: 5432, remote_group_id: web.id });
      const fromWebV6 = await addRule(db, { ethertype: 'IPv6', protocol: 'tcp', port_range_min: 5432, port_range_max: 5432, remote_group_id: web.id });
      const cidr = await addRule(db, { protocol: 'tcp', port_range_min: 5432, port_range_max: 5432, remote_ip_prefix: '10.0.0.0/8' });
      const cacheFromWeb = await addRule(cache, { protocol: 'tcp', port_range_min: 6379, port_range_max: 6379, remote_group_id: web.id });
      const dbBefore = await ruleIds(db);
      const cacheBefore = await ruleIds(cache);

      const res = await member.delete(`/v2.0/security-groups/${web.id}`);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect((await member.get(`/v2.0/security-groups/${web.id}`)).status).toBe(404);
      expect(await ruleIds(db)).toEqual(dbBefore.filter((id) => id !== fromWeb.id && id !== fromWebV6.id));
      expect(await ruleIds(db)).toContain(cidr.id);
      expect(await ruleIds(cache)).toEqual(cacheBefore.filter((id) => id !== cacheFromWeb.id));
      for (const gone of [fromWeb, fromWebV6, cacheFromWeb]) expect((await member.get(`/v2.0/security-group-rules/${gone.id}`)).status).toBe(404);

      // One operation carries the whole change out; each group's history records its share, under the same request.
      const operationId = res.headers.get('operation-location')!.split('/').pop();
      const operation = (await http.get(`/v1/operations/${operationId}`)).body;
      expect(operation.resource).toEqual({ type: 'security-group', id: web.id });
      expect(operation.message).toContain('Deleted security group web');
      expect(operation.message).toContain('Removed 2 rules from db');
      expect(operation.message).toContain('Removed 1 rule from cache');
      const lastEvent = async (groupId: string) => ((await http.get(`/v1/security-groups/${groupId}/events`)).body as { type: string; metadata: { requestId: string } }[]).at(-1)!;
      const [deleted, dbRemoved, cacheRemoved] = await Promise.all([lastEvent(web.id), lastEvent(db.id), lastEvent(cache.id)]);
      expect([deleted.type, dbRemoved.type, cacheRemoved.type]).toEqual(['security-group.deleted', 'security-group.rules.removed', 'security-group.rules.removed']);
      expect(new Set([deleted.metadata.requestId, dbRemoved.metadata.requestId, cacheRemoved.metadata.requestId]).size).toBe(1);
    });

    it('does the same through /v1 for a project VPC\'s group; /v1\'s own VPCs still refuse it (409) while rules name it', async () => {
      const target = await newGroup('target');
      const referrer = await newGroup('referrer');
      const naming = await addRule(referrer, { protocol: 'udp', port_range_min: 53, port_range_max: 53, remote_group_id: target.id });
      const viaV1 = await http.delete(`/v1/security-groups/${target.id}`);
      expect(viaV1.status).toBe(202);
      expect(await ruleIds(referrer)).not.toContain(naming.id);

      const vpc = (await http.post('/v1/vpcs', { name: 'product-vpc', cidr: '10.9.0.0/16' })).body;
      const a = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'a' })).body;
      const b = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'b', rules: [{ direction: 'inbound', protocol: 'tcp', ports: '22', ipVersion: 'IPv4', remote: { group: a.id } }] })).body;
      const refused = await http.delete(`/v1/security-groups/${a.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toContain(b.id);
      expect((await http.get(`/v1/security-groups/${b.id}`)).body.inboundRules).toHaveLength(1);
    });
  });

  describe('bulk creation', () => {
    it('creates groups in one change: all of them, or none when one is refused', async () => {
      const before = await groupCount(member);
      const refused = await member.post('/v2.0/security-groups', { security_groups: [{ name: 'bulk-a' }, { name: 'default' }, { name: 'bulk-c' }] });
      expect(refused.status).toBe(409);
      expect(refused.body.NeutronError.message).toContain('Default security group already exists.');
      expect(await groupCount(member)).toBe(before);

      const created = await member.post('/v2.0/security-groups', { security_groups: [{ name: 'bulk-a' }, { security_group: { name: 'bulk-b', description: 'b' } }] });
      expect(created.status).toBe(201);
      expect(created.body.security_groups.map((g: { name: string; security_group_rules: unknown[] }) => [g.name, g.security_group_rules.length])).toEqual([['bulk-a', 2], ['bulk-b', 2]]);
      expect(created.headers.get('operation-location')).toMatch(/^\/v1\/operations\/op-/);
      for (const g of created.body.security_groups) expect((await member.get(`/v2.0/security-groups/${g.id}`)).body.security_group).toEqual(g);
      expect(await groupCount(member)).toBe(before + 2);
    });

    it('refuses a bulk creation that would pass the group quota as a whole, creating none', async () => {
      const used = await groupCount(acme);
      await operator.put('/v2.0/quotas/acme', { quota: { security_group: used + 2 } });
      const over = await acme.post('/v2.0/security-groups', { security_groups: [{ name: 'q1' }, { name: 'q2' }, { name: 'q3' }] });
      expect(over.status).toBe(409);
      expect(over.body.NeutronError.message).toContain("Quota exceeded for resources: ['security_group']");
      expect(await groupCount(acme)).toBe(used);
      expect((await acme.post('/v2.0/security-groups', { security_groups: [{ name: 'q1' }, { name: 'q2' }] })).status).toBe(201);
      await operator.delete('/v2.0/quotas/acme');
    });

    it('adds rules to several groups in one change: all of them, or none when one is refused', async () => {
      const one = await newGroup('bulk-rules-1');
      const two = await newGroup('bulk-rules-2');
      const before = [await ruleIds(one), await ruleIds(two)];
      const ssh = { direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '198.51.100.0/24' };
      const refused = await member.post('/v2.0/security-group-rules', {
        security_group_rules: [
          { security_group_id: one.id, ...ssh },
          { security_group_rule: { security_group_id: two.id, ...ssh } },
          { security_group_id: two.id, direction: 'ingress', protocol: 'tcp', port_range_min: 0, port_range_max: 22 },
        ],
      });
      expect(refused.status).toBe(400);
      const duplicate = await member.post('/v2.0/security-group-rules', {
        security_group_rules: [{ security_group_id: one.id, ...ssh }, { security_group_id: two.id, ...ssh }, { security_group_id: two.id, ...ssh, protocol: '6' }],
      });
      expect(duplicate.status).toBe(409);
      expect([await ruleIds(one), await ruleIds(two)]).toEqual(before);

      const created = await member.post('/v2.0/security-group-rules', {
        security_group_rules: [
          { security_group_id: one.id, ...ssh },
          { security_group_id: two.id, ...ssh },
          { security_group_id: one.id, direction: 'egress', protocol: 'udp', port_range_min: 53, port_range_max: 53, remote_ip_prefix: '10.0.0.2' },
        ],
      });
      expect(created.status).toBe(201);
      const rules = created.body.security_group_rules as { id: string; security_group_id: string; protocol: string; remote_ip_prefix: string }[];
      expect(rules.map((r) => [r.security_group_id, r.protocol, r.remote_ip_prefix])).toEqual([
        [one.id, 'tcp', '198.51.100.0/24'],
        [two.id, 'tcp', '198.51.100.0/24'],
        [one.id, 'udp', '10.0.0.2/32'],
      ]);
      for (const r of rules) expect((await member.get(`/v2.0/security-group-rules/${r.id}`)).body.security_group_rule).toEqual(r);
      expect(await ruleIds(one)).toEqual([...before[0], rules[0].id, rules[2].id].sort());
      expect(await ruleIds(two)).toEqual([...before[1], rules[1].id].sort());
    });

    it('refuses bulk rules that would pass the rule quota as a whole, adding none', async () => {
      const group = await newGroup('quota-rules', acme);
      const used = await ruleCount(acme);
      await operator.put('/v2.0/quotas/acme', { quota: { security_group_rule: used + 1 } });
      const rules = [22, 80].map((port) => ({ security_group_id: group.id, direction: 'ingress', protocol: 'tcp', port_range_min: port, port_range_max: port }));
      const over = await acme.post('/v2.0/security-group-rules', { security_group_rules: rules });
      expect(over.status).toBe(409);
      expect(over.body.NeutronError.message).toContain("Quota exceeded for resources: ['security_group_rule']");
      expect(await ruleCount(acme)).toBe(used);
      await operator.delete('/v2.0/quotas/acme');
    });
  });

  describe('quotas under concurrent creations', () => {
    it('never lets concurrent group creations pass the group quota', async () => {
      const used = await groupCount(acme);
      await operator.put('/v2.0/quotas/acme', { quota: { security_group: used + 2, security_group_rule: -1 } });
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => acme.post('/v2.0/security-groups', { security_group: { name: `race-${i}` } })));
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 409, 409, 409, 409, 409, 409]);
      expect(await groupCount(acme)).toBe(used + 2);
      expect((await client(api.url, 'operator').get('/v1/quotas/acme')).body.securityGroups).toEqual({ limit: used + 2, used: used + 2 });
      await operator.delete('/v2.0/quotas/acme');
    });

    it('never lets concurrent rule additions (to several groups, and to one) pass the rule quota', async () => {
      await operator.put('/v2.0/quotas/acme', { quota: { security_group: -1, security_group_rule: -1 } });
      const groups: { id: string }[] = [];
      for (let i = 0; i < 6; i++) groups.push(await newGroup(`rules-race-${i}`, acme));
      const used = await ruleCount(acme);
      await operator.put('/v2.0/quotas/acme', { quota: { security_group_rule: used + 3 } });
      const rule = (groupId: string, port: number) => acme.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: groupId, direction: 'ingress', protocol: 'tcp', port_range_min: port, port_range_max: port } });
      const answers = await Promise.all([...groups.map((g) => rule(g.id, 443)), ...[1, 2, 3, 4].map((port) => rule(groups[0].id, port))]);
      expect(answers.filter((a) => a.status === 201)).toHaveLength(3);
      expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.NeutronError.type])).toEqual(Array(7).fill([409, 'OverQuota']));
      expect(await ruleCount(acme)).toBe(used + 3);
      await operator.delete('/v2.0/quotas/acme');
    });
  });
});
