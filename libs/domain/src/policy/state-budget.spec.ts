import { Rule } from '../rule/rule';
import { GroupView, InstanceView } from './effective-rules';
import { checkStateBudget, checkStateGrowth, checkTenantStateEntries, stateEntriesByHypervisor } from './state-budget';

const rule = (id: string, remoteGroupId: string | null = null): Rule => ({
  id, direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: remoteGroupId ? null : '0.0.0.0/0', remoteGroupId, description: '',
});
const inst = (id: string, hv: string, ipv4: string, ipv6: string | null = null): InstanceView => ({ id, vpcId: 'vpc-1', hypervisorId: hv, ipv4, ipv6 });
const group = (id: string, rules: Rule[], instanceIds: string[]): GroupView => ({ id, vpcId: 'vpc-1', name: id, rules, appliedTo: { instanceIds, cidrs: [] } });

function thrown(fn: () => void): { code?: string; message?: string } | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    return e as { code: string; message: string };
  }
}

describe('the state budget of a VPC on each hypervisor', () => {
  const a = inst('i-a', 'hv-1', '10.0.1.1', 'fd00::1');
  const b = inst('i-b', 'hv-1', '10.0.1.2');
  const c = inst('i-c', 'hv-2', '10.0.1.3');
  const members = group('sg-m', [rule('r1'), rule('r2')], ['i-a', 'i-b', 'i-c']);

  it('counts one entry per rule of each group on each port, and each remote group\'s members once per hypervisor', () => {
    const referring = group('sg-r', [rule('r3', 'sg-m'), rule('r4', 'sg-m')], ['i-a', 'i-b']);
    // hv-1: 2 ports × (2 + 2) rules + sg-m's 4 addresses (a has two) once; hv-2: 1 port × 2 rules.
    expect(stateEntriesByHypervisor([members, referring], [a, b, c])).toEqual(new Map([['hv-1', 12], ['hv-2', 2]]));
  });

  it('refuses a change that grows a hypervisor past the limit, naming the limit and the hypervisor', () => {
    const before = group('sg-r', [], ['i-a', 'i-b']);
    const after = group('sg-r', [rule('r3'), rule('r4')], ['i-a', 'i-b']);
    expect(() => checkStateBudget('sg-r', before, after, [members, before], [a, b, c], 8)).not.toThrow();
    expect(thrown(() => checkStateBudget('sg-r', before, after, [members, before], [a, b, c], 7))).toMatchObject({
      code: 'quota-exceeded',
      message: expect.stringMatching(/^the limit stateEntriesPerHypervisor \(7\) would be passed: this change puts 8 entries of the tenant in the desired state of hypervisor hv-1/),
    });
  });

  it('lets a change that shrinks or keeps a hypervisor\'s share pass, even over the limit', () => {
    const big = group('sg-r', [rule('r3'), rule('r4'), rule('r5')], ['i-a', 'i-b']);
    const smaller = group('sg-r', [rule('r3')], ['i-a', 'i-b']);
    expect(() => checkStateBudget('sg-r', big, smaller, [members, big], [a, b, c], 2)).not.toThrow();
    expect(() => checkStateBudget('sg-r', big, null, [members, big], [a, b, c], 2)).not.toThrow();
    expect(() => checkStateBudget('sg-r', big, big, [members, big], [a, b, c], 2)).not.toThrow();
  });

  it('answers the hypervisors a change grows, for the recheck when it is written', () => {
    const before = group('sg-r', [], ['i-a', 'i-c']);
    const after = group('sg-r', [rule('r3')], ['i-a', 'i-c']);
    expect(checkStateBudget('sg-r', before, after, [members, before], [a, b, c], 100)).toEqual(['hv-1', 'hv-2']);
    expect(checkStateBudget('sg-r', after, before, [members, after], [a, b, c], 100)).toEqual([]);
  });
});

describe('the state budget of a tenant on each hypervisor', () => {
  // Two VPCs of one tenant on the same hypervisor: each VPC's groups reach only its own ports.
  const a = inst('i-a', 'hv-1', '10.0.1.1');
  const b: InstanceView = { id: 'i-b', vpcId: 'vpc-2', hypervisorId: 'hv-1', ipv4: '10.0.1.1', ipv6: null };
  const inVpc1 = group('sg-1', [rule('r1'), rule('r2', 'sg-1')], ['i-a']);
  const inVpc2: GroupView = { id: 'sg-2', vpcId: 'vpc-2', name: 'sg-2', rules: [rule('r3'), rule('r4'), rule('r5')], appliedTo: { instanceIds: ['i-b'], cidrs: [] } };

  it('is the sum over the tenant\'s VPCs', () => {
    // hv-1: sg-1's 2 rules on i-a and its 1 member once; sg-2's 3 rules on i-b.
    expect(stateEntriesByHypervisor([inVpc1, inVpc2], [a, b])).toEqual(new Map([['hv-1', 6]]));
    expect(stateEntriesByHypervisor([inVpc2], [b])).toEqual(new Map([['hv-1', 3]]));
  });

  it('is checked on the tenant\'s entries over all its VPCs: spreading over VPCs does not get past it', () => {
    const before = { groups: [inVpc2], instances: [b] };
    const after = { groups: [{ ...inVpc2, rules: [...inVpc2.rules, rule('r6')] }], instances: [b] };
    // The VPC alone fits in 6 (4 entries): the check on deciding passes it, and names the hypervisor it grows.
    expect(checkStateGrowth(before, after, 6)).toEqual(['hv-1']);
    // With the other VPC's 3, the tenant has 7 once the change is written: refused then.
    const written = stateEntriesByHypervisor([inVpc1, after.groups[0]], [a, b]);
    expect(thrown(() => checkTenantStateEntries(written, ['hv-1'], 6))).toMatchObject({
      code: 'quota-exceeded',
      message: expect.stringMatching(/^the limit stateEntriesPerHypervisor \(6\) would be passed: this change puts 7 entries of the tenant in the desired state of hypervisor hv-1/),
    });
    expect(() => checkTenantStateEntries(written, ['hv-1'], 7)).not.toThrow();
  });

  it('rechecks the grown hypervisors only, on the entries counted when the change is written', () => {
    const entries = new Map([['hv-1', 11], ['hv-2', 50]]);
    expect(() => checkTenantStateEntries(entries, ['hv-1'], 11)).not.toThrow();
    expect(thrown(() => checkTenantStateEntries(entries, ['hv-1'], 10))).toMatchObject({ code: 'quota-exceeded', message: expect.stringContaining('stateEntriesPerHypervisor (10)') });
    expect(thrown(() => checkTenantStateEntries(entries, ['hv-1'], 10))?.message).toContain('puts 11 entries of the tenant in the desired state of hypervisor hv-1');
  });
});
