import { client, registerAgent, startApi, StartedApi } from '../../support/api';
import { eventually, settled, startSystem, System } from '../../support/system';

const INSTANCES = 40;
const GROUPS = 4;
const RULES = 200;

/**
 * Bounded, fair desired states (docs/reliability.md): the attack — 40 instances, 4 groups
 * and 200 rules each whose remote is a group, all on one hypervisor — once blew that hypervisor's
 * state past what its agent takes, and every tenant's later changes there failed. Now a remote
 * group's members travel once per state, pushes are gzip, and the budget of a VPC in a
 * hypervisor's state is checked when a change is accepted: the attacker gets a 422
 * `quota-exceeded` naming the limit, and the other tenant's additions and removals still reach the
 * agent. API, worker and agent run for real over HTTP, with the default limits.
 */
describe('one tenant cannot grow a hypervisor\'s state past its budget', () => {
  let sys: System;
  let victimInstance: string;
  let victimGroup: string;
  let victimSsh: string;

  beforeAll(async () => {
    sys = await startSystem({ agents: ['hv-1'] });
    await eventually('hv-1 registered', async () => ((await sys.operator.get('/v1/hypervisors')).body.length === 1 ? true : undefined));
    const victim = sys.http.as('otherTenant');
    const vpc = (await victim.post('/v1/vpcs', { name: 'victim', cidr: '10.1.0.0/16' })).body;
    const instance = await victim.post('/v1/instances', { name: 'victim-1', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.1.0.5' });
    expect(instance.status).toBe(201);
    victimInstance = instance.body.id;
    const group = await victim.post('/v1/security-groups', {
      vpcId: vpc.id, name: 'victim', rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }], applyTo: { instanceIds: [victimInstance] },
    });
    expect(group.status).toBe(201);
    victimGroup = group.body.id;
    victimSsh = group.body.inboundRules[0].id;
    expect((await settled(victim, group.body.operation.id, 30_000)).status).toBe('succeeded');
  }, 60_000);
  afterAll(() => sys.close());

  it('ends the attack in a 422 quota-exceeded naming the limit, writing nothing; the other tenant\'s additions and removals still reach the agent', async () => {
    const vpc = (await sys.http.post('/v1/vpcs', { name: 'attacker', cidr: '10.0.0.0/16' })).body;
    const instanceIds: string[] = [];
    for (let i = 1; i <= INSTANCES; i++) {
      const res = await sys.http.post('/v1/instances', { name: `a-${i}`, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: `10.0.1.${i}` });
      expect(res.status).toBe(201);
      instanceIds.push(res.body.id);
    }
    const groups: string[] = [];
    for (let g = 0; g < GROUPS; g++) {
      const res = await sys.http.post('/v1/security-groups', { vpcId: vpc.id, name: `a-${g}`, applyTo: { instanceIds } });
      expect(res.status).toBe(201);
      groups.push(res.body.id);
    }
    const answers: { status: number; type?: string; detail?: string; operation?: string }[] = [];
    for (const groupId of groups) {
      const rules = Array.from({ length: RULES }, (_, i) => ({ direction: 'inbound', protocol: 'tcp', ports: 1000 + i, ipVersion: 'IPv4', remote: { group: groups[0] } }));
      const res = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules });
      answers.push({ status: res.status, type: res.body.type, detail: res.body.detail, operation: res.body.operation?.id });
    }
    // 200 rules on 40 ports is 8,000 entries (and 40 members, once); a second group's 200 pass the 10,000.
    expect(answers.map((a) => a.status)).toEqual([202, 422, 422, 422]);
    for (const refused of answers.slice(1)) {
      expect(refused).toMatchObject({ type: 'quota-exceeded', detail: expect.stringContaining('stateEntriesPerHypervisor (10000)') });
    }
    for (const groupId of groups.slice(1)) expect((await sys.http.get(`/v1/security-groups/${groupId}`)).body.inboundRules).toEqual([]);
    expect((await settled(sys.http, answers[0].operation!, 60_000)).status).toBe('succeeded');

    // The other tenant adds a rule and removes one on the same hypervisor: both reach the agent.
    const victim = sys.http.as('otherTenant');
    const added = await victim.post(`/v1/security-groups/${victimGroup}/rules`, { rules: [{ direction: 'inbound', preset: 'HTTPS', remote: ['198.51.100.0/24'] }] });
    expect(added.status).toBe(202);
    const removed = await victim.delete(`/v1/security-groups/${victimGroup}/rules/${victimSsh}`);
    expect(removed.status).toBe(202);
    for (const op of [added.body.operation.id, removed.body.operation.id]) expect((await settled(victim, op, 60_000)).status).toBe('succeeded');

    const state = await sys.agents.get('hv-1')!.state();
    const victimPort = state.ports.find((p) => p.instanceId === victimInstance)!;
    const victimRules = victimPort.groups.filter((g) => g.groupId === victimGroup).flatMap((g) => g.rules);
    expect(victimRules.map((r) => r.portRange)).toEqual([{ from: 443, to: 443 }]);
    expect(victimRules[0].remoteCidrs).toEqual(['198.51.100.0/24']);
    // The attacker's accepted rules are there, each referring to the group's set, whose 40 members travel once.
    const attackerRules = state.ports.filter((p) => instanceIds.includes(p.instanceId)).flatMap((p) => p.groups.filter((g) => groups.includes(g.groupId)).flatMap((g) => g.rules));
    expect(attackerRules).toHaveLength(INSTANCES * RULES);
    expect(attackerRules.every((r) => r.remoteGroupId === groups[0] && r.remoteCidrs.length === 0)).toBe(true);
    expect(state.remoteGroups).toEqual([{ groupId: groups[0], ipv4: instanceIds.map((_, i) => `10.0.1.${i + 1}/32`), ipv6: [] }]);
  }, 240_000);
});

describe('the state budget also holds when an instance registers or moves', () => {
  let api: StartedApi;

  beforeAll(async () => {
    api = await startApi({ LIMIT_STATE_ENTRIES_PER_HYPERVISOR: '20' });
    for (const id of ['hv-1', 'hv-2']) expect((await registerAgent(api.url, id, `http://${id}.example:7001`)).status).toBe(201);
  });
  afterAll(() => api.close());

  it('refuses (422 quota-exceeded naming the limit) the port that would pass it on its hypervisor, writing nothing; another hypervisor still takes one', async () => {
    const http = client(api.url);
    const vpc = (await http.post('/v1/vpcs', { name: 'budget', cidr: '10.0.0.0/16' })).body;
    const defaultRules = (await http.get(`/v1/security-groups/${vpc.defaultSecurityGroupId}`)).body;
    const perPort = defaultRules.inboundRules.length + defaultRules.outboundRules.length;
    const fit = Math.floor(20 / perPort);
    for (let i = 1; i <= fit; i++) expect((await http.post('/v1/instances', { name: `fit-${i}`, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: `10.0.1.${i}` })).status).toBe(201);
    const count = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const before = await count();
    const refused = await http.post('/v1/instances', { name: 'one-too-many', vpcId: vpc.id, hypervisorId: 'hv-1', ipv4: '10.0.1.100' });
    expect([refused.status, refused.body.type]).toEqual([422, 'quota-exceeded']);
    expect(refused.body.detail).toContain(`stateEntriesPerHypervisor (20) would be passed: this change puts ${(fit + 1) * perPort} entries of the tenant in the desired state of hypervisor hv-1`);
    expect(await count()).toBe(before);
    const elsewhere = await http.post('/v1/instances', { name: 'elsewhere', vpcId: vpc.id, hypervisorId: 'hv-2', ipv4: '10.0.1.100' });
    expect(elsewhere.status).toBe(201);
    // Moving it onto the full hypervisor would pass the budget there too: refused, it stays where it is.
    const move = await http.patch(`/v1/instances/${elsewhere.body.id}`, { hypervisorId: 'hv-1' });
    expect([move.status, move.body.type]).toEqual([422, 'quota-exceeded']);
    expect(move.body.detail).toContain('stateEntriesPerHypervisor (20)');
    expect((await http.get(`/v1/instances/${elsewhere.body.id}`)).body.hypervisorId).toBe('hv-2');
  });
});
