import { Rule } from '../rule/rule';
import { GroupView, InstanceView } from './effective-rules';
import { hypervisorState } from './hypervisor-state';
import { joinSections, sectionsOf } from './state-sections';

const rule = (id: string, remoteGroupId: string | null = null): Rule => ({
  id, direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: remoteGroupId ? null : '0.0.0.0/0', remoteGroupId, description: '',
});
const inst = (id: string, vpcId: string, ipv4: string): InstanceView => ({ id, vpcId, hypervisorId: 'hv-1', ipv4, ipv6: null });
const group = (id: string, vpcId: string, rules: Rule[], instanceIds: string[]): GroupView => ({ id, vpcId, name: id, rules, appliedTo: { instanceIds, cidrs: [] } });

describe('the sections of a hypervisor\'s state, one per tenant', () => {
  // acme has two VPCs there, demo one; the instances' ids interleave the tenants.
  const instances = [inst('i-1', 'vpc-a1', '10.0.0.1'), inst('i-2', 'vpc-d', '10.0.0.1'), inst('i-3', 'vpc-a2', '10.1.0.1'), inst('i-4', 'vpc-d', '10.0.0.2')];
  const groups = [
    group('sg-a1', 'vpc-a1', [rule('r1', 'sg-a1')], ['i-1']),
    group('sg-a2', 'vpc-a2', [rule('r2')], ['i-3']),
    group('sg-d', 'vpc-d', [rule('r3', 'sg-d'), rule('r4')], ['i-2', 'i-4']),
  ];
  const tenants = { 'vpc-a1': 'acme', 'vpc-a2': 'acme', 'vpc-d': 'demo' };
  const state = hypervisorState('hv-1', instances, groups);

  it('gives each tenant its ports and the remote groups its rules name', () => {
    const sections = sectionsOf(state, tenants);
    expect(sections.map((s) => [s.tenant, s.ports.map((p) => p.instanceId), s.remoteGroups.map((g) => g.groupId)])).toEqual([
      ['acme', ['i-1', 'i-3'], ['sg-a1']],
      ['demo', ['i-2', 'i-4'], ['sg-d']],
    ]);
  });

  it('joins back into the very state they came from, and a tenant\'s part can be swapped for another', () => {
    const sections = sectionsOf(state, tenants);
    expect(joinSections(sections)).toEqual(state);
    expect(joinSections([...sections].reverse())).toEqual(state);
    const demoBefore = sectionsOf(hypervisorState('hv-1', instances, [groups[0], groups[1], { ...groups[2], rules: [] }]), tenants)[1];
    const held = joinSections([sections[0], demoBefore]);
    expect(held.ports.map((p) => [p.instanceId, p.groups.flatMap((g) => g.rules.map((r) => r.id))])).toEqual([['i-1', ['r1']], ['i-2', []], ['i-3', ['r2']], ['i-4', []]]);
    expect(held.remoteGroups.map((g) => g.groupId)).toEqual(['sg-a1']);
  });

  it('refuses a port whose VPC has no tenant given', () => {
    expect(() => sectionsOf(state, { 'vpc-a1': 'acme' })).toThrow(/no tenant given for VPC vpc-/);
  });
});
