import type { RuleSpec } from './rule';
import { ruleSpecProblem } from './rule-spec';

const ssh: RuleSpec = { direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '10.0.0.0/8', remoteGroupId: null, description: '' };

describe('ruleSpecProblem: the rule invariants every face shares', () => {
  it('accepts canonical rules', () => {
    for (const spec of [
      ssh,
      { ...ssh, protocol: 'all', portRange: null, remote: '::/0', ipVersion: 'IPv6' },
      { ...ssh, protocol: 'icmp', portRange: null, icmp: { type: 8, code: null } },
      { ...ssh, protocol: 'icmpv6', portRange: null, icmp: { type: 128, code: 0 }, ipVersion: 'IPv6', remote: '2001:db8::/32' },
      { ...ssh, remote: null, remoteGroupId: 'sg-1' },
      // Any IP protocol, by name or number; no remote: every address of the rule's IP version.
      { ...ssh, protocol: 'gre', portRange: null },
      { ...ssh, protocol: '47', portRange: null, remote: null },
      { ...ssh, protocol: 'sctp', portRange: { from: 9000, to: 9001 } },
      { ...ssh, protocol: '58', portRange: null, icmp: { type: 128, code: null }, ipVersion: 'IPv6', remote: null },
    ] as RuleSpec[]) {
      expect(ruleSpecProblem(spec)).toBeNull();
    }
  });

  it.each<[string, Partial<RuleSpec>, RegExp]>([
    ['ports on all', { protocol: 'all' }, /tcp, udp, dccp, sctp and udplite only/],
    ['a reversed range', { portRange: { from: 90, to: 80 } }, /range within/],
    ['port 0', { portRange: { from: 0, to: 10 } }, /range within/],
    ['all ports spelled out', { portRange: { from: 1, to: 65535 } }, /no port range/],
    ['ICMP on tcp', { icmp: { type: 8, code: null } }, /icmp and icmpv6 only/],
    ['icmp over IPv6', { protocol: 'icmp', portRange: null, ipVersion: 'IPv6', remote: '::/0' }, /IPv4 only/],
    ['an ICMP type past 255', { protocol: 'icmp', portRange: null, icmp: { type: 256, code: null } }, /0–255/],
    ['two remotes', { remoteGroupId: 'sg-1' }, /one remote/],
    ['two remotes', { remoteGroupId: 'sg-other' }, /at most one remote/],
    ['an unknown protocol', { protocol: 'grease', portRange: null }, /protocol must be/],
    ['a protocol number past 255', { protocol: '256', portRange: null }, /protocol must be/],
    ['an IPv6-only protocol on IPv4', { protocol: 'ipv6-frag', portRange: null }, /IPv6 only/],
    ['host bits set', { remote: '10.0.0.1/8' }, /canonically/],
    ['a bare address', { remote: '10.0.0.1' }, /canonically/],
    ['a remote of the other version', { remote: '2001:db8::/32' }, /is IPv6 but the rule is IPv4/],
    ['a long description', { description: 'x'.repeat(256) }, /at most 255/],
  ])('refuses %s', (_what, change, problem) => {
    expect(ruleSpecProblem({ ...ssh, ...change })).toMatch(problem);
  });
});
