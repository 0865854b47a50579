import { GroupView, InstanceView } from '../policy/effective-rules';
import { checkCidrsInsideVpc, checkGroupsPerInstance } from './applied-to.checks';

const inst = (id: string, ipv4: string | null, p: Partial<InstanceView> = {}): InstanceView => ({ id, vpcId: 'vpc-1', hypervisorId: 'hv-1', ipv4, ipv6: null, ...p });
const group = (id: string, appliedTo: Partial<GroupView['appliedTo']> = {}): GroupView => ({
  id, vpcId: 'vpc-1', name: id, rules: [], appliedTo: { instanceIds: [], cidrs: [], ...appliedTo },
});

function thrown(fn: () => void): { code?: string; issues?: unknown; message?: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e as { code: string };
  }
}

describe('applied CIDRs and the VPC range', () => {
  it('accepts segments inside the range, the range itself, and any CIDR when the VPC has no range', () => {
    expect(() => checkCidrsInsideVpc(['10.0.1.0/24', '10.0.0.0/16'], '10.0.0.0/16', 'cidrs')).not.toThrow();
    expect(() => checkCidrsInsideVpc(['192.168.0.0/16'], null, 'cidrs')).not.toThrow();
  });

  it('refuses an IPv4 segment outside or wider than the range, naming each', () => {
    const e = thrown(() => checkCidrsInsideVpc(['10.0.1.0/24', '10.1.0.0/24', '0.0.0.0/0'], '10.0.0.0/16', 'applyTo.cidrs'));
    expect(e?.code).toBe('validation-failed');
    expect(e?.issues).toEqual([
      { path: 'applyTo.cidrs[1]', message: "10.1.0.0/24 is outside the VPC's range 10.0.0.0/16" },
      { path: 'applyTo.cidrs[2]', message: "0.0.0.0/0 is outside the VPC's range 10.0.0.0/16" },
    ]);
  });

  it('refuses a segment of the other address family than the VPC\'s, naming it', () => {
    const v4 = thrown(() => checkCidrsInsideVpc(['10.0.1.0/24', 'fd00:1::/64'], '10.0.0.0/16', 'cidrs'));
    expect(v4).toMatchObject({ code: 'validation-failed', issues: [{ path: 'cidrs[1]', message: "fd00:1::/64 is IPv6, the VPC's range 10.0.0.0/16 is IPv4" }] });
    const v6 = thrown(() => checkCidrsInsideVpc(['fd00:1:0:1::/64', '10.0.1.0/24'], 'fd00:1::/48', 'cidrs'));
    expect(v6).toMatchObject({ code: 'validation-failed', issues: [{ path: 'cidrs[1]', message: "10.0.1.0/24 is IPv4, the VPC's range fd00:1::/48 is IPv6" }] });
    expect(() => checkCidrsInsideVpc(['fd00:1:0:1::/64'], 'fd00:1::/48', 'cidrs')).not.toThrow();
    expect(thrown(() => checkCidrsInsideVpc(['fd00:2::/64'], 'fd00:1::/48', 'cidrs'))).toMatchObject({ issues: [{ path: 'cidrs[0]', message: "fd00:2::/64 is outside the VPC's range fd00:1::/48" }] });
  });
});

describe('groups per instance, counting CIDR attachments', () => {
  const a = inst('i-a', '10.0.1.5');
  const b = inst('i-b', '10.0.2.5');
  const fourOn = (i: InstanceView) => [1, 2, 3, 4].map((n) => group(`sg-${n}`, { instanceIds: [i.id] }));

  it('refuses a CIDR that brings a full instance a sixth group', () => {
    const others = [...fourOn(a), group('sg-5', { cidrs: ['10.0.1.0/24'] })];
    const e = thrown(() => checkGroupsPerInstance(group('sg-new'), group('sg-new', { cidrs: ['10.0.0.0/16'] }), others, [a, b], 5));
    expect(e?.code).toBe('quota-exceeded');
    expect(e?.message).toMatch(/at most 5 security groups; i-a already has that many/);
  });

  it('allows the fifth group, and instances the group already reached', () => {
    expect(() => checkGroupsPerInstance(null, group('sg-new', { cidrs: ['10.0.1.0/24'] }), fourOn(a), [a, b], 5)).not.toThrow();
    const full = [...fourOn(a), group('sg-5', { instanceIds: ['i-a'] })];
    // Already a member through its CIDR: naming it directly adds no group.
    expect(() => checkGroupsPerInstance(group('sg-new', { cidrs: ['10.0.1.0/24'] }), group('sg-new', { instanceIds: ['i-a'], cidrs: ['10.0.1.0/24'] }), full, [a], 4)).not.toThrow();
  });

  it('does not count the group itself among the others, and ignores a deletion', () => {
    const self = group('sg-new', { instanceIds: ['i-b'] });
    expect(() => checkGroupsPerInstance(null, self, [self, ...fourOn(b)], [b], 5)).not.toThrow();
    expect(() => checkGroupsPerInstance(self, null, fourOn(b), [b], 1)).not.toThrow();
  });
});
