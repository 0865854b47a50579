import { Rule } from '../rule/rule';
import { GroupView, InstanceView } from './effective-rules';
import { byHypervisor } from './impact';
import { instancesTouchedByInstanceChange, placementsOfMove } from './instance-impact';

const inst = (id: string, ipv4: string, p: Partial<InstanceView> = {}): InstanceView => ({ id, vpcId: 'vpc-1', hypervisorId: 'hv-1', ipv4, ipv6: null, ...p });
const group = (id: string, p: Partial<GroupView> = {}): GroupView => ({ id, vpcId: 'vpc-1', name: id, rules: [], appliedTo: { instanceIds: [], cidrs: [] }, ...p });
const fromGroup = (groupId: string): Rule => ({
  id: `sgr-from-${groupId}`, direction: 'inbound', protocol: 'tcp', portRange: { from: 5432, to: 5432 }, icmp: null, ipVersion: 'IPv4',
  remote: null, remoteGroupId: groupId, description: '',
});

describe('instances touched when an instance arrives or leaves', () => {
  const gpu = inst('i-gpu', '10.0.1.5', { hypervisorId: 'hv-2' });
  const db = inst('i-db', '10.0.2.7');
  const web = inst('i-web', '10.0.3.9', { hypervisorId: 'hv-3' });
  const elsewhere = inst('i-elsewhere', '10.0.4.4', { vpcId: 'vpc-2' });

  it('is only the instance itself when no rule names its groups', () => {
    const def = group('sg-default', { appliedTo: { instanceIds: ['i-gpu', 'i-db'], cidrs: [] } });
    expect(instancesTouchedByInstanceChange(gpu, [def], [gpu, db]).map((i) => i.id)).toEqual(['i-gpu']);
  });

  it('adds the members of groups whose rules name a group it belongs to, directly or through a CIDR', () => {
    const segment = group('sg-segment', { appliedTo: { instanceIds: [], cidrs: ['10.0.1.0/24'] } });
    const dbGroup = group('sg-db', { rules: [fromGroup('sg-segment')], appliedTo: { instanceIds: ['i-db', 'i-elsewhere'], cidrs: [] } });
    const unrelated = group('sg-web', { rules: [fromGroup('sg-other')], appliedTo: { instanceIds: ['i-web'], cidrs: [] } });
    const touched = instancesTouchedByInstanceChange(gpu, [segment, dbGroup, unrelated], [gpu, db, web, elsewhere]);
    expect(touched.map((i) => i.id)).toEqual(['i-gpu', 'i-db']);
  });
});

describe('placements of a move', () => {
  it('names both hypervisors, each with the instance', () => {
    const placements = placementsOfMove(inst('i-1', '10.0.0.5', { hypervisorId: 'hv-b' }), 'hv-a');
    expect(byHypervisor(placements)).toEqual([
      { hypervisorId: 'hv-a', instanceIds: ['i-1'] },
      { hypervisorId: 'hv-b', instanceIds: ['i-1'] },
    ]);
  });

  it('is empty when the instance is already there', () => {
    expect(placementsOfMove(inst('i-1', '10.0.0.5'), 'hv-1')).toEqual([]);
  });
});
