import { Rule } from '../rule/rule';
import { GroupView, InstanceView } from './effective-rules';
import { hypervisorPorts, hypervisorState } from './hypervisor-state';

const rule = (p: Partial<Rule>): Rule => ({
  id: 'sgr-1', direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '0.0.0.0/0', remoteGroupId: null, description: '', ...p,
});
const inst = (id: string, hv: string, ipv4: string): InstanceView => ({ id, vpcId: 'vpc-1', hypervisorId: hv, ipv4, ipv6: null });

describe('desired state of a hypervisor', () => {
  const web1 = inst('i-web1', 'hv-1', '10.0.1.5');
  const web2 = inst('i-web2', 'hv-2', '10.0.1.6');
  const db = inst('i-db', 'hv-2', '10.0.2.7');
  const webGroup: GroupView = { id: 'sg-web', vpcId: 'vpc-1', name: 'web', rules: [rule({ id: 'sgr-ssh' })], appliedTo: { instanceIds: ['i-web1', 'i-web2'], cidrs: [] } };
  const dbGroup: GroupView = {
    id: 'sg-db', vpcId: 'vpc-1', name: 'db',
    rules: [rule({ id: 'sgr-pg', portRange: { from: 5432, to: 5432 }, remote: null, remoteGroupId: 'sg-web' })],
    appliedTo: { instanceIds: ['i-db'], cidrs: [] },
  };

  it('lists only the ports on that hypervisor, each with its groups', () => {
    const ports = hypervisorPorts('hv-2', [web1, web2, db], [webGroup, dbGroup]);
    expect(ports.map((p) => [p.instanceId, p.groups.map((g) => g.groupId)])).toEqual([
      ['i-db', ['sg-db']],
      ['i-web2', ['sg-web']],
    ]);
  });

  it('resolves a remote group to the addresses of its members on every hypervisor', () => {
    const ports = hypervisorPorts('hv-2', [web1, web2, db], [webGroup, dbGroup]);
    expect(ports[0].groups[0].rules[0].remoteCidrs).toEqual(['10.0.1.5/32', '10.0.1.6/32']);
  });

  it('sends a remote group\'s members once per state, as a set every rule naming the group refers to', () => {
    const second = { ...dbGroup, id: 'sg-db2', rules: [rule({ id: 'sgr-redis', portRange: { from: 6379, to: 6379 }, remote: null, remoteGroupId: 'sg-web' })] };
    const db2 = { ...db, id: 'i-db2', ipv4: '10.0.2.8' };
    const state = hypervisorState('hv-2', [web1, web2, db, db2], [webGroup, { ...dbGroup, appliedTo: { instanceIds: ['i-db', 'i-db2'], cidrs: [] } }, { ...second, appliedTo: { instanceIds: ['i-db', 'i-db2'], cidrs: [] } }]);
    const rules = state.ports.flatMap((p) => p.groups.flatMap((g) => g.rules)).filter((r) => r.remoteGroupId === 'sg-web');
    expect(rules).toHaveLength(4);
    expect(rules.every((r) => r.remoteCidrs.length === 0)).toBe(true);
    expect(state.remoteGroups).toEqual([{ groupId: 'sg-web', ipv4: ['10.0.1.5/32', '10.0.1.6/32'], ipv6: [] }]);
    // A remote group without members (or gone) is still listed, empty: its rules match nothing.
    expect(hypervisorState('hv-2', [db], [dbGroup]).remoteGroups).toEqual([{ groupId: 'sg-web', ipv4: [], ipv6: [] }]);
  });

  it('is deterministic whatever the input order', () => {
    expect(hypervisorPorts('hv-2', [db, web2, web1], [dbGroup, webGroup])).toEqual(hypervisorPorts('hv-2', [web1, web2, db], [webGroup, dbGroup]));
  });

  it('a port with no group is listed with no groups: everything to it is dropped', () => {
    expect(hypervisorPorts('hv-1', [web1], [])).toEqual([{ instanceId: 'i-web1', vpcId: 'vpc-1', ipv4: '10.0.1.5', ipv6: null, groups: [] }]);
  });
});
