import { type AcceptedSection, AgentError, type AllocatedState, type HypervisorStates } from '@sg/application';
import { hypervisorState, type GroupView, type InstanceView, type Rule } from '@sg/domain';
import { stateHash } from '@sg/protocol';
import { fallBack, hashed, sectionsOfDesired, type StateToSend } from './state-fallback';

const rule = (id: string): Rule => ({ id, direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '0.0.0.0/0', remoteGroupId: null, description: '' });
const rules = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => rule(`${prefix}-${i}`));
const instances: InstanceView[] = ['a', 'b', 'c'].map((t) => ({ id: `i-${t}`, vpcId: `vpc-${t}`, hypervisorId: 'hv-1', ipv4: '10.0.0.1', ipv6: null }));
const tenantOfVpc = { 'vpc-a': 'ta', 'vpc-b': 'tb', 'vpc-c': 'tc' };
const group = (t: string, n: number): GroupView => ({ id: `sg-${t}`, vpcId: `vpc-${t}`, name: t, rules: rules(t, n), appliedTo: { instanceIds: [`i-${t}`], cidrs: [] } });

function desiredOf(counts: Record<string, number>): AllocatedState {
  // A tenant's port runs there when it has a count.
  const { ports, remoteGroups } = hypervisorState('hv-1', instances.filter((i) => i.vpcId.slice(4) in counts), Object.entries(counts).map(([t, n]) => group(t, n)));
  return { ports, remoteGroups, revision: 10, hash: stateHash(ports, remoteGroups), acknowledged: false, forced: false, tenantOfVpc };
}

/** An agent that takes states of at most `maxRules` rules, and the worker's records of what it accepted. */
function harness(accepted: Map<string, AcceptedSection> | null, maxRules: number) {
  let revision = 10;
  const pushed: { revision: number; rules: Record<string, number> }[] = [];
  const states = {
    acceptedSections: async () => accepted,
    allocateFallbackRevision: async () => ++revision,
  } as unknown as HypervisorStates;
  const send = async (state: StateToSend) => {
    const counts: Record<string, number> = {};
    for (const p of state.ports) counts[p.instanceId] = p.groups.reduce((n, g) => n + g.rules.length, 0);
    pushed.push({ revision: state.revision, rules: counts });
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total > maxRules) throw new AgentError(`agent hv-1 answered 413: the body is larger than it takes`, false, 'refused', 413);
    return { appliedRevision: state.revision, appliedHash: stateHash(state.ports, state.remoteGroups), changed: true };
  };
  return { states, send, pushed };
}

const acceptedOf = (counts: Record<string, number>) => new Map(sectionsOfDesired(desiredOf(counts)).map((s) => [s.tenant, s]));

describe('falling back from a refused state', () => {
  it('holds the tenant whose change the agent refuses at its accepted part; the others\' changes (a growth, a removal) go through', async () => {
    // Accepted: 2 rules each. Now: ta grows to 50 (too much), tb to 3, tc down to 1; the agent takes 20 rules.
    const { states, send, pushed } = harness(acceptedOf({ a: 2, b: 2, c: 2 }), 20);
    const result = await fallBack('hv-1', desiredOf({ a: 50, b: 3, c: 1 }), states, send);
    expect([...result!.held.keys()]).toEqual(['ta']);
    expect(result!.held.get('ta')).toMatch(/answered 413/);
    // First every changed tenant held, then each tried, smallest growth first.
    expect(pushed.map((p) => p.rules)).toEqual([
      { 'i-a': 2, 'i-b': 2, 'i-c': 2 },
      { 'i-a': 2, 'i-b': 2, 'i-c': 1 },
      { 'i-a': 2, 'i-b': 3, 'i-c': 1 },
      { 'i-a': 50, 'i-b': 3, 'i-c': 1 },
    ]);
    // What the agent holds now: the last state it took, and its sections, as they are to be recorded.
    expect(result!.revision).toBe(pushed[2].revision);
    expect(new Map(result!.sections.map((s) => [s.tenant, s.ports[0].groups[0].rules.length]))).toEqual(new Map([['ta', 2], ['tb', 3], ['tc', 1]]));
    expect(result!.hash).toBe(desiredOf({ a: 2, b: 3, c: 1 }).hash);
  });

  it('holds a tenant new on the hypervisor at nothing when its part is refused', async () => {
    const { states, send } = harness(acceptedOf({ a: 2 }), 20);
    const result = await fallBack('hv-1', desiredOf({ a: 2, b: 30 }), states, send);
    expect([...result!.held.keys()]).toEqual(['tb']);
    // tb's port is left out of the state the agent holds: denied everything, as before its first state.
    expect(result!.sections.map((s) => s.tenant)).toEqual(['ta']);
    expect(result!.hash).toBe(desiredOf({ a: 2 }).hash);
  });

  it('cannot help when nothing was accepted yet, nothing changed, or even the held state is refused', async () => {
    expect(await fallBack('hv-1', desiredOf({ a: 50 }), harness(null, 20).states, harness(null, 20).send)).toBeNull();
    const same = harness(acceptedOf({ a: 50 }), 20);
    expect(await fallBack('hv-1', desiredOf({ a: 50 }), same.states, same.send)).toBeNull();
    const tooSmall = harness(acceptedOf({ a: 30, b: 1 }), 20);
    expect(await fallBack('hv-1', desiredOf({ a: 30, b: 2 }), tooSmall.states, tooSmall.send)).toBeNull();
  });

  it('lets another failure through: the sync is retried as any other', async () => {
    const { states } = harness(acceptedOf({ a: 2 }), 20);
    const unreachable = async () => {
      throw new AgentError('agent hv-1 unreachable', true, 'unreachable');
    };
    await expect(fallBack('hv-1', desiredOf({ a: 30 }), states, unreachable)).rejects.toThrow('unreachable');
  });

  it('hashes each section as the whole state is hashed', () => {
    const [section] = hashed([{ tenant: 'ta', ports: desiredOf({ a: 2 }).ports, remoteGroups: [] }]);
    expect(section.hash).toBe(desiredOf({ a: 2 }).hash);
  });
});
