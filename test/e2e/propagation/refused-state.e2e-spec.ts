import { eventually, settled, startSystem, System } from '../../support/system';

/** The agent's largest state body here: a few ports with a few rules fit, a hundred rules more do not. */
const MAX_BODY_BYTES = 16_384;

/**
 * A state the agent cannot take fails only the operations that caused it (docs/reliability.md):
 * the agent (a real process, its body limit lowered) refuses the state one tenant's change makes
 * too large (413); the worker holds that tenant at the part the agent last accepted and pushes the
 * rest, so the other tenant's addition and removal on the same hypervisor still succeed and are in
 * the agent's state, while the change that grew it fails, saying why. API, worker and agent run
 * for real over HTTP, on real Postgres and Redis.
 */
describe('an agent that refuses a state', () => {
  let sys: System;

  beforeAll(async () => {
    sys = await startSystem({ agents: ['hv-1'], agentEnv: { AGENT_MAX_BODY_BYTES: String(MAX_BODY_BYTES) } });
    await eventually('hv-1 registered', async () => ((await sys.operator.get('/v1/hypervisors')).body.length === 1 ? true : undefined));
  }, 60_000);
  afterAll(() => sys.close());

  it('fails only the change that made the state too large; the other tenant\'s addition and removal reach the agent', async () => {
    const attacker = sys.http;
    const victim = sys.http.as('otherTenant');
    const place = async (who: typeof attacker, name: string, cidr: string, ipv4: string, rules: unknown[]) => {
      const vpc = (await who.post('/v1/vpcs', { name, cidr })).body;
      const instance = await who.post('/v1/instances', { name, vpcId: vpc.id, hypervisorId: 'hv-1', ipv4 });
      expect(instance.status).toBe(201);
      const group = await who.post('/v1/security-groups', { vpcId: vpc.id, name, rules, applyTo: { instanceIds: [instance.body.id] } });
      expect(group.status).toBe(201);
      expect((await settled(who, group.body.operation.id, 30_000)).status).toBe('succeeded');
      return { instanceId: instance.body.id as string, group: group.body };
    };
    const mine = await place(attacker, 'attacker', '10.0.0.0/16', '10.0.0.5', [{ direction: 'inbound', preset: 'SSH', remote: ['192.0.2.0/24'] }]);
    const theirs = await place(victim, 'victim', '10.1.0.0/16', '10.1.0.5', [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }]);
    const ssh = theirs.group.inboundRules[0].id;

    // A hundred rules more on the attacker's port: far past what the agent takes.
    const rules = Array.from({ length: 100 }, (_, i) => ({ direction: 'inbound', protocol: 'tcp', ports: 1000 + i, ipVersion: 'IPv4', remote: ['198.51.100.0/24'] }));
    const grow = await attacker.post(`/v1/security-groups/${mine.group.id}/rules`, { rules });
    expect(grow.status).toBe(202);
    const grown = await settled(attacker, grow.body.operation.id, 60_000);
    expect(grown.status).toBe('failed');
    expect(grown.targets).toEqual([
      expect.objectContaining({ hypervisorId: 'hv-1', status: 'failed', error: expect.stringMatching(/answered 413: .*the state with tenant demo's changes is more than the agent of hv-1 takes/) }),
    ]);

    // The other tenant adds a rule and removes one on the same hypervisor: both succeed and reach the agent.
    const added = await victim.post(`/v1/security-groups/${theirs.group.id}/rules`, { rules: [{ direction: 'inbound', preset: 'HTTPS', remote: ['198.51.100.0/24'] }] });
    expect(added.status).toBe(202);
    const removed = await victim.delete(`/v1/security-groups/${theirs.group.id}/rules/${ssh}`);
    expect(removed.status).toBe(202);
    for (const op of [added.body.operation.id, removed.body.operation.id]) expect((await settled(victim, op, 60_000)).status).toBe('succeeded');

    const state = await sys.agents.get('hv-1')!.state();
    const rulesOf = (instanceId: string, groupId: string) => state.ports.find((p) => p.instanceId === instanceId)!.groups.filter((g) => g.groupId === groupId).flatMap((g) => g.rules);
    expect(rulesOf(theirs.instanceId, theirs.group.id).map((r) => [r.portRange, r.remoteCidrs])).toEqual([[{ from: 443, to: 443 }, ['198.51.100.0/24']]]);
    // The attacker's port keeps what the agent last accepted for it: its SSH rule, none of the hundred.
    expect(rulesOf(mine.instanceId, mine.group.id).map((r) => r.portRange)).toEqual([{ from: 22, to: 22 }]);

    // Once the first tenant's part fits again (its rules replaced by fewer), it is no longer held:
    // the change reaches the agent, and the refused operation converges (the hypervisor holds a state computed after it).
    const shrink = await attacker.put(`/v1/security-groups/${mine.group.id}/rules`, { inboundRules: [{ preset: 'HTTPS', remote: ['192.0.2.0/24'] }] });
    expect(shrink.status).toBe(202);
    expect((await settled(attacker, shrink.body.operation.id, 60_000)).status).toBe('succeeded');
    const after = await sys.agents.get('hv-1')!.state();
    expect(after.ports.find((p) => p.instanceId === mine.instanceId)!.groups.filter((g) => g.groupId === mine.group.id).flatMap((g) => g.rules.map((r) => r.portRange))).toEqual([{ from: 443, to: 443 }]);
    await eventually('the refused operation to converge', async () => ((await attacker.get(`/v1/operations/${grow.body.operation.id}`)).body.status === 'succeeded' ? true : undefined), 60_000);
  }, 180_000);
});
