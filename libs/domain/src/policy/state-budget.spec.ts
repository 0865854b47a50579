import { Rule } from '../rule/rule';
import { GroupView, InstanceView } from './effective-rules';
import { checkStateBudget, stateEntriesByHypervisor } from './state-budget';

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
      message: expect.stringMatching(/^the limit stateEntriesPerHypervisor \(7\) would be passed: this change puts 8 entries of the VPC in the desired state of hypervisor hv-1/),
    });
  });

  it('lets a change that shrinks or keeps a hypervisor\'s share pass, even over the limit', () => {
    const big = group('sg-r', [rule('r3'), rule('r4'), rule('r5')], ['i-a', 'i-b']);
    const smaller = group('sg-r', [rule('r3')], ['i-a', 'i-b']);
    expect(() => checkStateBudget('sg-r', big, smaller, [members, big], [a, b, c], 2)).not.toThrow();
    expect(() => checkStateBudget('sg-r', big, null, [members, big], [a, b, c], 2)).not.toThrow();
    expect(() => checkStateBudget('sg-r', big, big, [members, big], [a, b, c], 2)).not.toThrow();
  });
});
