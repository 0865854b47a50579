import { RuleSpec, ruleKey, ruleType } from './rule';

const base: RuleSpec = {
  direction: 'inbound',
  protocol: 'tcp',
  portRange: { from: 22, to: 22 },
  icmp: null,
  ipVersion: 'IPv4',
  remote: '0.0.0.0/0',
  remoteGroupId: null,
  description: '',
};

describe('ruleType', () => {
  it.each([
    ['tcp', { from: 22, to: 22 }, 'SSH'],
    ['tcp', { from: 3389, to: 3389 }, 'RDP'],
    ['tcp', { from: 3306, to: 3306 }, 'MySQL'],
    ['tcp', { from: 80, to: 80 }, 'HTTP'],
    ['tcp', { from: 443, to: 443 }, 'HTTPS'],
    ['tcp', { from: 22, to: 23 }, 'Custom'],
    ['tcp', null, 'Custom'],
    ['tcp', { from: 8080, to: 8080 }, 'Custom'],
    ['udp', { from: 22, to: 22 }, 'Custom'],
    ['udp', { from: 443, to: 443 }, 'Custom'],
    ['icmp', null, 'Custom'],
    ['icmpv6', null, 'Custom'],
    ['all', null, 'All traffic'],
  ] as const)('%s %j is %s', (protocol, portRange, type) => {
    expect(ruleType({ protocol, portRange })).toBe(type);
  });
});

describe('ruleKey', () => {
  it('ignores the description', () => {
    expect(ruleKey({ ...base, description: 'bastion' })).toBe(ruleKey(base));
  });

  it.each<[string, Partial<RuleSpec>]>([
    ['direction', { direction: 'outbound' }],
    ['protocol', { protocol: 'udp' }],
    ['ports', { portRange: { from: 22, to: 23 } }],
    ['all ports', { portRange: null }],
    ['ip version', { ipVersion: 'IPv6', remote: '::/0' }],
    ['remote', { remote: '10.0.0.0/8' }],
    ['remote group', { remote: null, remoteGroupId: 'sg-1' }],
  ])('tells rules apart by %s', (_what, change) => {
    expect(ruleKey({ ...base, ...change })).not.toBe(ruleKey(base));
  });

  it('tells ICMP matches apart by type and code', () => {
    const icmp: RuleSpec = { ...base, protocol: 'icmp', portRange: null, icmp: { type: 8, code: null } };
    const keys = new Set([
      ruleKey({ ...icmp, icmp: null }),
      ruleKey(icmp),
      ruleKey({ ...icmp, icmp: { type: 8, code: 0 } }),
      ruleKey({ ...icmp, icmp: { type: 0, code: null } }),
    ]);
    expect(keys.size).toBe(4);
  });

  it('does not confuse a group id with a CIDR', () => {
    expect(ruleKey({ ...base, remote: null, remoteGroupId: '10.0.0.0/8' })).not.toBe(
      ruleKey({ ...base, remote: '10.0.0.0/8' }),
    );
  });
});
