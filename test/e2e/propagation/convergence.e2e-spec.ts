import { stateHash } from '@sg/protocol';
import { eventually, groupOnTwoHypervisors, settled, startSystem, System } from '../../support/system';

/** A push by hand, as someone holding the agent's credential would send it. */
async function pushByHand(agent: { url: string; credential: string }, body: object): Promise<{ status: number; body: any }> {
  const res = await fetch(`${agent.url}/v1/state`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${agent.credential}` }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const hypervisor = async (sys: System, id: string) => ((await sys.operator.get('/v1/hypervisors')).body as any[]).find((h) => h.id === id);

/** The agent holds the desired state: the revision the API shows as desired, and ports that hash as the API's state does. */
async function inSync(sys: System, id: string): Promise<{ revision: number; ports: number } | undefined> {
  const agent = await sys.agents.get(id)!.state();
  const hv = await hypervisor(sys, id);
  const held = agent.appliedRevision === hv.desiredRevision && hv.appliedRevision === hv.desiredRevision && agent.appliedHash === stateHash(agent.ports) && agent.ports.length > 0;
  return held ? { revision: agent.appliedRevision, ports: agent.ports.length } : undefined;
}

/**
 * Convergence you can trust (docs/agent-protocol.md "Convergence"): the agent answers with the
 * revision and the hash of what it applied, and anything but the desired state is drift, whether
 * its revision is above, below or equal to the desired one.
 */
describe('drift: an agent that holds another state than the desired one', () => {
  describe('the reconciler (every 500 ms here)', () => {
    let sys: System;
    beforeAll(async () => {
      sys = await startSystem({ agents: ['hv-1', 'hv-2'] });
      await groupOnTwoHypervisors(sys.http, sys.operator, 'ml', 'web');
    });
    afterAll(() => sys.close());

    it('repairs a revision above the desired one, pushed by hand with no port (the issue\'s attack)', async () => {
      const agent = sys.agents.get('hv-1')!;
      const desired = (await hypervisor(sys, 'hv-1')).desiredRevision;
      const hand = await pushByHand(agent, { hypervisorId: 'hv-1', revision: 2_000_000_000, ports: [] });
      expect(hand).toMatchObject({ status: 200, body: { appliedRevision: 2_000_000_000, changed: true, appliedHash: stateHash([]) } });

      const repaired = await eventually('hv-1 back at its desired state', () => inSync(sys, 'hv-1'));
      expect(repaired.revision).toBeGreaterThan(2_000_000_000);
      expect(repaired.ports).toBe(1);
      expect(desired).toBeLessThan(2_000_000_000);
      const hv = await hypervisor(sys, 'hv-1');
      expect(hv).toMatchObject({ desiredRevision: repaired.revision, appliedRevision: repaired.revision, lastError: null });
    });

    it('repairs the desired revision holding other ports (same revision, another hash)', async () => {
      const agent = sys.agents.get('hv-2')!;
      const { appliedRevision } = await agent.state();
      const hand = await pushByHand(agent, { hypervisorId: 'hv-2', revision: appliedRevision, force: true, ports: [] });
      expect(hand).toMatchObject({ status: 200, body: { appliedRevision, changed: true, appliedHash: stateHash([]) } });
      expect((await agent.state()).ports).toEqual([]);

      const repaired = await eventually('hv-2 back at its desired state', () => inSync(sys, 'hv-2'));
      expect(repaired.revision).toBeGreaterThan(appliedRevision);
      expect(repaired.ports).toBe(1);
    });
  });

  describe('a sync (no reconciler running)', () => {
    let sys: System;
    let groupId: string;
    beforeAll(async () => {
      sys = await startSystem({ agents: ['hv-1', 'hv-2'], env: { RECONCILE_INTERVAL_MS: '3600000' } });
      groupId = (await groupOnTwoHypervisors(sys.http, sys.operator, 'ml', 'web')).groupId;
    });
    afterAll(() => sys.close());

    it('does not count an answer with a higher revision as done: it resyncs above it, then the operation succeeds', async () => {
      const agent = sys.agents.get('hv-1')!;
      await pushByHand(agent, { hypervisorId: 'hv-1', revision: 2_000_000_000, ports: [] });

      const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }] });
      expect(added.status).toBe(202);
      const op = await settled(sys.http, added.body.operation.id, 30_000);
      expect(op.status).toBe('succeeded');
      const target = op.targets.find((t: any) => t.hypervisorId === 'hv-1');
      expect(target.appliedRevision).toBeGreaterThan(2_000_000_000);

      // What succeeded is what the agent holds: the rule, under the revision and hash the API wanted.
      const state = await agent.state();
      expect(state.appliedRevision).toBe(target.appliedRevision);
      expect(state.appliedHash).toBe(stateHash(state.ports));
      expect(state.ports.flatMap((p) => p.groups.flatMap((g) => g.rules))).toContainEqual(expect.objectContaining({ id: added.body.inboundRules[0].id }));
      expect(await hypervisor(sys, 'hv-1')).toMatchObject({ desiredRevision: state.appliedRevision, appliedRevision: state.appliedRevision, lastError: null });
    });
  });
});
