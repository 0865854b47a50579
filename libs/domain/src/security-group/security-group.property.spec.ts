import fc from 'fast-check';
import { Direction, IpVersion, NormalizedRule, PortSpan, ruleKey, RuleSpec } from '../rule/rule';
import { DEFAULT_LIMITS } from '../shared/limits';
import { sequentialIds } from '../testing/scenario';
import { decideSecurityGroup } from './security-group.decide';
import { SecurityGroupEvent, SecurityGroupEventTypes as T } from './security-group.events';
import { rebuildSecurityGroup } from './security-group.state';

const at = '2026-11-27T10:00:00.000Z';
const created: SecurityGroupEvent = {
  type: T.Created,
  data: { groupId: 'sg-1', vpcId: 'vpc-1', tenant: 'demo', name: 'g', description: '', tags: {}, isDefault: false, at },
};
const ctx = () => ({ now: at, newRuleId: sequentialIds('sgr-'), limits: { ...DEFAULT_LIMITS, rulesPerGroup: 10_000 } });

/** Rules as any face hands them to the domain, from a small space so that duplicates are common. */
const ruleSpec = fc
  .record({
    direction: fc.constantFrom<Direction>('inbound', 'outbound'),
    protocol: fc.constantFrom('tcp' as const, 'udp' as const, 'all' as const),
    portRange: fc.constantFrom<PortSpan | null>({ from: 22, to: 22 }, { from: 80, to: 80 }, { from: 8000, to: 8080 }, null),
    remote: fc.constantFrom<[string, IpVersion]>(['10.0.0.0/8', 'IPv4'], ['203.0.113.7/32', 'IPv4'], ['2001:db8::/32', 'IPv6'], ['0.0.0.0/0', 'IPv4'], ['::/0', 'IPv6']),
    description: fc.constantFrom('', 'office', 'vpn'),
  })
  .map(({ protocol, portRange, remote: [remote, ipVersion], ...rest }): RuleSpec => ({
    ...rest,
    protocol,
    portRange: protocol === 'all' ? null : portRange,
    icmp: null,
    ipVersion,
    remote,
    remoteGroupId: null,
  }));

const labelled = (specs: RuleSpec[]): NormalizedRule[] => specs.map((spec, i) => ({ spec, sourcePath: `rules[${i}]` }));

/** The outcome that must not depend on order: the error code, or the set of rules added. */
function outcome(existing: RuleSpec[], incoming: NormalizedRule[]): string {
  const seeded: SecurityGroupEvent[] = existing.length === 0 ? [created] : [created, { type: T.RulesAdded, data: { groupId: 'sg-1', rules: existing.map((s, i) => ({ ...s, id: `sgr-old-${i}` })), at } }];
  try {
    const events = decideSecurityGroup({ type: 'AddRules', rules: incoming, groupIdsInVpc: ['sg-1'] }, rebuildSecurityGroup(seeded), ctx());
    const added = events.flatMap((e) => (e.type === T.RulesAdded ? e.data.rules : []));
    return `ok:${added.map(ruleKey).sort().join(';')}`;
  } catch (error) {
    return `error:${(error as { code: string }).code}`;
  }
}

describe('property: duplicate detection does not depend on order', () => {
  it('the same rules in any order are all accepted, or all refused as duplicates', () => {
    fc.assert(
      fc.property(fc.array(ruleSpec, { minLength: 1, maxLength: 8 }), fc.array(ruleSpec, { maxLength: 6 }), fc.integer(), (incomingSpecs, existingSpecs, seed) => {
        const incoming = labelled(incomingSpecs);
        const existing = dedupe(existingSpecs);
        const shuffled = shuffle(incoming, seed);
        expect(outcome(existing, shuffled)).toBe(outcome(existing, incoming));
        expect(outcome(shuffle(existing, seed + 1), incoming)).toBe(outcome(existing, incoming));
      }),
      { numRuns: 300 },
    );
  });
});

describe('property: every accepted rule survives its event round trip', () => {
  it('decide → store as JSON → read back → evolve gives back exactly the accepted rules', () => {
    fc.assert(
      fc.property(fc.array(ruleSpec, { minLength: 1, maxLength: 10 }), (specs) => {
        const incoming = labelled(specs);
        const unique = dedupeNormalized(incoming);
        const events = decideSecurityGroup({ type: 'AddRules', rules: unique, groupIdsInVpc: ['sg-1'] }, rebuildSecurityGroup([created]), ctx());
        const stored = JSON.parse(JSON.stringify([created, ...events])) as SecurityGroupEvent[];
        const state = rebuildSecurityGroup(stored);
        if (state.status !== 'active') throw new Error('group lost');
        expect(state.group.rules.map(({ id: _id, ...spec }) => spec)).toEqual(unique.map((r) => r.spec));
        expect(new Set(state.group.rules.map((r) => r.id)).size).toBe(unique.length);
      }),
      { numRuns: 300 },
    );
  });
});

function dedupe(specs: RuleSpec[]): RuleSpec[] {
  const seen = new Set<string>();
  return specs.filter((s) => !seen.has(ruleKey(s)) && seen.add(ruleKey(s)));
}

function dedupeNormalized(rules: NormalizedRule[]): NormalizedRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => !seen.has(ruleKey(r.spec)) && seen.add(ruleKey(r.spec)));
}

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
