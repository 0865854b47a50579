import fc from 'fast-check';
import { Direction, ProtocolName } from '../rule/rule';
import { EffectiveRule } from './effective-rules';
import { checkFlow, Flow } from './flow-check';

const eff = (p: Partial<EffectiveRule>): EffectiveRule => ({
  id: 'sgr-x', direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4',
  remote: '203.0.113.0/24', remoteGroupId: null, description: '', groupId: 'sg-a', groupName: 'a', remoteCidrs: ['203.0.113.0/24'], ...p,
});
const flow = (p: Partial<Flow>): Flow => ({ direction: 'inbound', protocol: 'tcp', port: 22, icmp: null, remote: '203.0.113.9', ...p });

describe('flow check', () => {
  it('default deny: no rule, no flow', () => {
    expect(checkFlow([], flow({}))).toEqual({ allowed: false, matchedRules: [] });
  });

  it('allows what a rule matches and reports every matching rule', () => {
    const a = eff({ id: 'sgr-a' });
    const b = eff({ id: 'sgr-b', protocol: 'all', portRange: null, remoteCidrs: ['0.0.0.0/0'] });
    const verdict = checkFlow([a, b, eff({ id: 'sgr-c', direction: 'outbound' })], flow({}));
    expect(verdict.allowed).toBe(true);
    expect(verdict.matchedRules.map((r) => r.id)).toEqual(['sgr-a', 'sgr-b']);
  });

  it.each<[string, Partial<Flow>]>([
    ['another port', { port: 23 }],
    ['another protocol', { protocol: 'udp' }],
    ['another direction', { direction: 'outbound' }],
    ['an address outside the remote', { remote: '198.51.100.1' }],
    ['the other IP version', { remote: '2001:db8::1' }],
  ])('denies %s', (_, p) => {
    expect(checkFlow([eff({})], flow(p)).allowed).toBe(false);
  });

  it('matches ICMP by type and code; a rule without a code covers every code', () => {
    const ping = eff({ protocol: 'icmp', portRange: null, icmp: { type: 8, code: null } });
    expect(checkFlow([ping], flow({ protocol: 'icmp', port: null, icmp: { type: 8, code: 3 } })).allowed).toBe(true);
    expect(checkFlow([ping], flow({ protocol: 'icmp', port: null, icmp: { type: 0, code: 0 } })).allowed).toBe(false);
    expect(checkFlow([ping], flow({ protocol: 'icmp', port: null, icmp: null })).allowed).toBe(false);
    expect(checkFlow([eff({ protocol: 'icmp', portRange: null })], flow({ protocol: 'icmp', port: null, icmp: null })).allowed).toBe(true);
  });
});

/**
 * The brute force: in a tiny universe (16 IPv4 and 16 IPv6 addresses, ports 1–8), each rule is
 * expanded into the explicit set of (direction, protocol, port, address) tuples it allows; a flow
 * is allowed when its tuple is in the union. checkFlow must agree for every flow of the universe.
 */
describe('flow check agrees with a brute-force evaluation', () => {
  const PORTS = [1, 2, 3, 4, 5, 6, 7, 8];
  const V4 = Array.from({ length: 16 }, (_, i) => `10.0.0.${i}`);
  const V6 = Array.from({ length: 16 }, (_, i) => `2001:db8::${i.toString(16)}`);
  const PROTOS: Exclude<ProtocolName, 'all'>[] = ['tcp', 'udp'];

  const cidrArb = fc.oneof(
    fc.record({ v: fc.constant('IPv4' as const), base: fc.integer({ min: 0, max: 15 }), prefix: fc.integer({ min: 28, max: 32 }) }),
    fc.record({ v: fc.constant('IPv6' as const), base: fc.integer({ min: 0, max: 15 }), prefix: fc.integer({ min: 124, max: 128 }) }),
  );
  const ruleArb = fc.record({
    direction: fc.constantFrom<Direction>('inbound', 'outbound'),
    protocol: fc.constantFrom<ProtocolName>('tcp', 'udp', 'all'),
    from: fc.integer({ min: 1, max: 8 }),
    len: fc.integer({ min: 0, max: 7 }),
    allPorts: fc.boolean(),
    cidrs: fc.array(cidrArb, { minLength: 1, maxLength: 3 }),
  });

  type Generated = typeof ruleArb extends fc.Arbitrary<infer T> ? T : never;

  function toRule(r: Generated, i: number): EffectiveRule {
    const version = r.cidrs[0].v;
    const cidrs = r.cidrs.filter((c) => c.v === version).map((c) => {
      const hostBits = (version === 'IPv4' ? 32 : 128) - c.prefix;
      const base = c.base & ~((1 << hostBits) - 1);
      return version === 'IPv4' ? `10.0.0.${base}/${c.prefix}` : `2001:db8::${base.toString(16)}/${c.prefix}`;
    });
    const hasPorts = r.protocol !== 'all' && !r.allPorts;
    return eff({
      id: `sgr-${i}`, direction: r.direction, protocol: r.protocol, ipVersion: version, remote: null,
      portRange: hasPorts ? { from: r.from, to: Math.min(8, r.from + r.len) } : null, remoteCidrs: cidrs,
    });
  }

  function expand(rule: EffectiveRule): Set<string> {
    const out = new Set<string>();
    const addresses = rule.ipVersion === 'IPv4' ? V4 : V6;
    for (const cidr of rule.remoteCidrs) {
      const [addr, prefix] = cidr.split('/');
      const size = 2 ** ((rule.ipVersion === 'IPv4' ? 32 : 128) - Number(prefix));
      const start = rule.ipVersion === 'IPv4' ? Number(addr.split('.')[3]) : parseInt(addr.split(':').pop() || '0', 16);
      for (let k = start; k < start + size; k++) {
        for (const protocol of rule.protocol === 'all' ? PROTOS : [rule.protocol]) {
          for (const port of PORTS) {
            if (rule.portRange && (port < rule.portRange.from || port > rule.portRange.to)) continue;
            out.add(`${rule.direction}|${protocol}|${port}|${addresses[k]}`);
          }
        }
      }
    }
    return out;
  }

  it('on random rule sets, for every flow of the universe', () => {
    fc.assert(
      fc.property(fc.array(ruleArb, { maxLength: 6 }), (arbs) => {
        const rules = arbs.map(toRule);
        const allowed = new Set(rules.flatMap((r) => [...expand(r)]));
        for (const direction of ['inbound', 'outbound'] as Direction[])
          for (const protocol of PROTOS)
            for (const port of PORTS)
              for (const remote of [...V4, ...V6]) {
                const verdict = checkFlow(rules, { direction, protocol, port, icmp: null, remote });
                expect(verdict.allowed).toBe(allowed.has(`${direction}|${protocol}|${port}|${remote}`));
                expect(verdict.matchedRules.every((r) => expand(r).has(`${direction}|${protocol}|${port}|${remote}`))).toBe(true);
              }
      }),
      { numRuns: 60 },
    );
  });
});
