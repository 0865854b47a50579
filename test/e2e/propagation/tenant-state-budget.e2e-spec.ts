import { client, registerAgent, startApi, StartedApi } from '../../support/api';

const LIMIT = 100;
/** Entries each concurrent request adds: 20 plain rules on one port. */
const RULES = 20;

/**
 * The state budget is the tenant's on each hypervisor, over all its VPCs (docs/reliability.md): a
 * tenant cannot pass it by spreading its ports and rules over several VPCs, and concurrent changes
 * are counted one after the other (rechecked in the append's transaction under the tenant's
 * lock), so of concurrent requests that together pass it exactly those over it are refused. Another
 * tenant's budget on the same hypervisor is its own.
 */
describe('the state budget of a tenant on a hypervisor', () => {
  let api: StartedApi;
  const entries = async (tenant: string) =>
    new Map<string, number>(
      (await api.db.dataSource.query(`SELECT hypervisor_id, entries::int AS n FROM sg_tenant_state_entries($1, false, NULL)`, [tenant])).map((r: { hypervisor_id: string; n: number }) => [r.hypervisor_id, r.n]),
    );

  beforeAll(async () => {
    api = await startApi({ LIMIT_STATE_ENTRIES_PER_HYPERVISOR: String(LIMIT) });
    for (const id of ['hv-1', 'hv-2', 'hv-3']) expect((await registerAgent(api.url, id, `http://${id}.example:7001`)).status).toBe(201);
  });
  afterAll(() => api.close());

  it('counts every VPC of the tenant: ports spread over two VPCs meet the limit, 422 quota-exceeded naming it, writing nothing; another tenant\'s are its own', async () => {
    const http = client(api.url);
    const vpcs = [(await http.post('/v1/vpcs', { name: 'spread-a', cidr: '10.1.0.0/16' })).body, (await http.post('/v1/vpcs', { name: 'spread-b', cidr: '10.2.0.0/16' })).body];
    const defaults = (await http.get(`/v1/security-groups/${vpcs[0].defaultSecurityGroupId}`)).body;
    const perPort = defaults.inboundRules.length + defaults.outboundRules.length;
    expect(perPort).toBeGreaterThan(0);
    const fit = Math.floor(LIMIT / perPort);
    // Alternately in each VPC: each holds about half the budget, far below it on its own.
    for (let i = 1; i <= fit; i++) {
      const vpc = vpcs[i % 2];
      const res = await http.post('/v1/instances', { name: `p-${i}`, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: `${vpc.cidr.split('.').slice(0, 2).join('.')}.1.${i}` });
      expect(res.status).toBe(201);
    }
    const count = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const before = await count();
    const refused = await http.post('/v1/instances', { name: 'one-too-many', vpcId: vpcs[0].id, hypervisorId: 'hv-1', ipv4: '10.1.2.1' });
    expect([refused.status, refused.headers.get('content-type'), refused.body.type]).toEqual([422, expect.stringContaining('application/problem+json'), 'quota-exceeded']);
    expect(refused.body.detail).toContain(`stateEntriesPerHypervisor (${LIMIT}) would be passed: this change puts ${(fit + 1) * perPort} entries of the tenant in the desired state of hypervisor hv-1`);
    // A group change in the other VPC is counted against the same budget.
    const group = await http.post('/v1/security-groups', {
      vpcId: vpcs[1].id, name: 'more', rules: Array.from({ length: perPort }, (_, i) => ({ direction: 'inbound', protocol: 'tcp', ports: 2000 + i, remote: ['192.0.2.0/24'] })), applyTo: { cidrs: ['10.2.0.0/16'] },
    });
    expect([group.status, group.body.type]).toEqual([422, 'quota-exceeded']);
    expect(group.body.detail).toContain(`stateEntriesPerHypervisor (${LIMIT})`);
    expect(await count()).toBe(before);
    expect((await entries('demo')).get('hv-1')).toBe(fit * perPort);
    // Another hypervisor has a budget of its own.
    expect((await http.post('/v1/instances', { name: 'elsewhere', vpcId: vpcs[0].id, hypervisorId: 'hv-2', ipv4: '10.1.2.1' })).status).toBe(201);

    // The other tenant fills its own budget on hv-1 in one VPC, as if the first were not there.
    const other = http.as('otherTenant');
    const otherVpc = (await other.post('/v1/vpcs', { name: 'other', cidr: '10.3.0.0/16' })).body;
    for (let i = 1; i <= fit; i++) expect((await other.post('/v1/instances', { name: `o-${i}`, vpcId: otherVpc.id, hypervisorId: 'hv-1', ipv4: `10.3.1.${i}` })).status).toBe(201);
    const otherRefused = await other.post('/v1/instances', { name: 'o-too-many', vpcId: otherVpc.id, hypervisorId: 'hv-1', ipv4: '10.3.2.1' });
    expect([otherRefused.status, otherRefused.body.type]).toEqual([422, 'quota-exceeded']);
  });

  it('refuses exactly the concurrent requests over the limit, across the tenant\'s VPCs; the other tenant\'s concurrent changes all pass', async () => {
    const me = client(api.url);
    const other = me.as('otherTenant');
    const rules = (n: number) => Array.from({ length: n }, (_, i) => ({ direction: 'inbound', protocol: 'tcp', ports: 3000 + i, ipVersion: 'IPv4', remote: ['198.51.100.0/24'] }));
    // Two ports in each of two VPCs on hv-3, and empty groups on them (no entries yet), in turn on each port.
    const vpcs = [(await me.post('/v1/vpcs', { name: 'race-a', cidr: '10.4.0.0/16' })).body, (await me.post('/v1/vpcs', { name: 'race-b', cidr: '10.5.0.0/16' })).body];
    const ports: { id: string; vpcId: string }[] = [];
    for (let n = 0; n < 4; n++) {
      const res = await me.post('/v1/instances', { name: `race-${n}`, vpcId: vpcs[n % 2].id, hypervisorId: 'hv-3', ipv4: `10.${4 + (n % 2)}.0.${n + 1}` });
      expect(res.status).toBe(201);
      ports.push({ id: res.body.id, vpcId: vpcs[n % 2].id });
    }
    const base = (await entries('demo')).get('hv-3')!;
    const fitting = Math.floor((LIMIT - base) / RULES);
    expect(fitting).toBeGreaterThan(1);
    const groups: string[] = [];
    for (let g = 0; g < fitting + 3; g++) {
      const port = ports[g % ports.length];
      const res = await me.post('/v1/security-groups', { vpcId: port.vpcId, name: `race-${g}`, applyTo: { instanceIds: [port.id] } });
      expect(res.status).toBe(201);
      groups.push(res.body.id);
    }
    // The other tenant, on the same hypervisor, at the same time: well within its own budget.
    const otherVpc = (await other.post('/v1/vpcs', { name: 'race-other', cidr: '10.6.0.0/16' })).body;
    const otherPort = (await other.post('/v1/instances', { name: 'race-other', vpcId: otherVpc.id, hypervisorId: 'hv-3', ipv4: '10.6.0.1' })).body.id;
    const otherGroups: string[] = [];
    for (let g = 0; g < 3; g++) otherGroups.push((await other.post('/v1/security-groups', { vpcId: otherVpc.id, name: `o-${g}`, applyTo: { instanceIds: [otherPort] } })).body.id);

    const answers = await Promise.all([
      ...groups.map((id) => me.post(`/v1/security-groups/${id}/rules`, { rules: rules(RULES) })),
      ...otherGroups.map((id) => other.post(`/v1/security-groups/${id}/rules`, { rules: rules(RULES) })),
    ]);
    const mine = answers.slice(0, groups.length);
    // Together they would pass the budget by three requests' worth: exactly three are refused.
    expect(mine.filter((a) => a.status === 202)).toHaveLength(fitting);
    const refused = mine.filter((a) => a.status !== 202);
    expect(refused.map((a) => [a.status, a.body.type])).toEqual(Array.from({ length: 3 }, () => [422, 'quota-exceeded']));
    for (const a of refused) expect(a.body.detail).toContain(`stateEntriesPerHypervisor (${LIMIT})`);
    expect(answers.slice(groups.length).map((a) => a.status)).toEqual([202, 202, 202]);
    // What was written is what was accepted: within the budget, and the refused groups have no rules.
    expect((await entries('demo')).get('hv-3')).toBe(base + fitting * RULES);
    const withRules = await Promise.all(groups.map(async (id) => (await me.get(`/v1/security-groups/${id}`)).body.inboundRules.length));
    expect(withRules.filter((n) => n === RULES)).toHaveLength(fitting);
    expect(withRules.filter((n) => n === 0)).toHaveLength(3);
  });
});
