import { FINDING_CHECKS, type FindingCheck, type FindingGroupView, findingChanges, groupFindings, instanceFindings } from './finding.checks';

const ALL = new Set<FindingCheck>(FINDING_CHECKS);

type R = FindingGroupView['rules'][number];
const rule = (id: string, changes: Partial<R> = {}): R => ({
  id, direction: 'inbound', protocol: 'tcp', portRange: { from: 443, to: 443 }, ipVersion: 'IPv4', remote: '0.0.0.0/0', remoteGroupId: null, ...changes,
});
const group = (rules: R[], changes: Partial<FindingGroupView> = {}): FindingGroupView => ({
  id: 'sg-1', isDefault: false, rules, appliedTo: { instanceIds: ['i-1'], cidrs: [] }, ...changes,
});
const checksOf = (g: FindingGroupView, vpc: string | null = '10.0.0.0/16', checks = ALL) => groupFindings(g, vpc, checks).map((f) => f.check).sort();

describe('groupFindings', () => {
  it('finds nothing in an attached group with HTTPS from the world and SSH from one address', () => {
    expect(checksOf(group([rule('r1'), rule('r2', { portRange: { from: 22, to: 22 }, remote: '203.0.113.7/32' })]))).toEqual([]);
  });

  it('finds SSH open to All IPv4, high, naming the rule', () => {
    const [f] = groupFindings(group([rule('r1', { portRange: { from: 22, to: 22 } })]), null, ALL);
    expect(f).toEqual({
      check: 'ssh-open-to-world', severity: 'high', resource: { type: 'security-group', id: 'sg-1' }, groupId: 'sg-1', instanceId: null,
      details: { rules: [{ ruleId: 'r1', protocol: 'tcp', ports: '22', remote: '0.0.0.0/0' }] },
    });
  });

  it('finds RDP open to All IPv6, and a remote of null (Neutron: every address) as the world', () => {
    expect(checksOf(group([rule('r1', { portRange: { from: 3389, to: 3389 }, ipVersion: 'IPv6', remote: '::/0' })]))).toEqual(['rdp-open-to-world']);
    expect(checksOf(group([rule('r1', { portRange: { from: 3389, to: 3389 }, remote: null })]))).toEqual(['rdp-open-to-world']);
  });

  it('counts a range holding 22 and 3389, and all traffic, as SSH, RDP and a port range', () => {
    expect(checksOf(group([rule('r1', { portRange: { from: 1, to: 4000 } })]))).toEqual(['port-range-open-to-world', 'rdp-open-to-world', 'ssh-open-to-world']);
    expect(checksOf(group([rule('r1', { protocol: 'all', portRange: null })]))).toEqual(['port-range-open-to-world', 'rdp-open-to-world', 'ssh-open-to-world']);
    expect(checksOf(group([rule('r1', { protocol: 'udp', portRange: null })]))).toEqual(['port-range-open-to-world']);
  });

  it('ignores outbound rules, UDP 22, a remote group, ICMP and a range that misses 22', () => {
    expect(
      checksOf(group([
        rule('r1', { direction: 'outbound', protocol: 'all', portRange: null }),
        rule('r2', { protocol: 'udp', portRange: { from: 22, to: 22 } }),
        rule('r3', { remote: null, remoteGroupId: 'sg-2', portRange: { from: 22, to: 22 } }),
        rule('r4', { protocol: 'icmp', portRange: null }),
      ])),
    ).toEqual([]);
    expect(checksOf(group([rule('r1', { portRange: { from: 8000, to: 8080 } })]))).toEqual(['port-range-open-to-world']);
  });

  it('finds a group applied to nothing, but not the default group', () => {
    expect(checksOf(group([], { appliedTo: { instanceIds: [], cidrs: [] } }))).toEqual(['group-unattached']);
    expect(checksOf(group([], { appliedTo: { instanceIds: [], cidrs: ['10.0.1.0/24'] } }))).toEqual([]);
    expect(checksOf(group([], { isDefault: true, appliedTo: { instanceIds: [], cidrs: [] } }))).toEqual([]);
  });

  it('finds remote ranges reaching into the VPC from outside, not those inside it or apart from it', () => {
    const r = (remote: string) => rule('r1', { remote, portRange: { from: 5432, to: 5432 } });
    expect(checksOf(group([r('10.0.0.0/8')]))).toEqual(['remote-overlaps-vpc']);
    expect(checksOf(group([r('10.0.0.0/15')]))).toEqual(['remote-overlaps-vpc']);
    expect(checksOf(group([r('10.0.0.0/16')]))).toEqual([]);
    expect(checksOf(group([r('10.0.3.0/24')]))).toEqual([]);
    expect(checksOf(group([r('192.168.0.0/16')]))).toEqual([]);
    expect(checksOf(group([r('10.0.0.0/8')]), null)).toEqual([]);
    expect(checksOf(group([rule('r1', { ipVersion: 'IPv6', remote: '2001:db8::/32' })]))).toEqual([]);
  });

  it('runs only the checks it is given', () => {
    const g = group([rule('r1', { protocol: 'all', portRange: null })], { appliedTo: { instanceIds: [], cidrs: [] } });
    expect(checksOf(g, null, new Set<FindingCheck>(['rdp-open-to-world', 'group-unattached']))).toEqual(['group-unattached', 'rdp-open-to-world']);
    expect(checksOf(g, null, new Set())).toEqual([]);
  });
});

describe('instanceFindings', () => {
  it('finds an instance whose only group is the default group', () => {
    expect(instanceFindings('i-1', ['sg-d'], 'sg-d', ALL)).toEqual([
      { check: 'instance-default-group-only', severity: 'low', resource: { type: 'instance', id: 'i-1' }, groupId: 'sg-d', instanceId: 'i-1', details: {} },
    ]);
  });

  it('finds nothing with another group, no group at all, or the check off', () => {
    expect(instanceFindings('i-1', ['sg-d', 'sg-2'], 'sg-d', ALL)).toEqual([]);
    expect(instanceFindings('i-1', ['sg-2'], 'sg-d', ALL)).toEqual([]);
    expect(instanceFindings('i-1', [], 'sg-d', ALL)).toEqual([]);
    expect(instanceFindings('i-1', ['sg-d'], 'sg-d', new Set())).toEqual([]);
  });
});

describe('findingChanges', () => {
  it('opens what is new and closes what is gone, by check and resource', () => {
    const ssh = groupFindings(group([rule('r1', { portRange: { from: 22, to: 22 } })]), null, ALL);
    const both = groupFindings(group([rule('r1', { portRange: { from: 22, to: 22 } }), rule('r2', { portRange: { from: 3389, to: 3389 } })]), null, ALL);
    expect(findingChanges([], ssh)).toEqual({ opened: ssh, closed: [] });
    expect(findingChanges(ssh, both).opened.map((f) => f.check)).toEqual(['rdp-open-to-world']);
    expect(findingChanges(both, ssh)).toEqual({ opened: [], closed: ['rdp-open-to-world|sg-1'] });
    expect(findingChanges(ssh, ssh)).toEqual({ opened: [], closed: [] });
  });
});
