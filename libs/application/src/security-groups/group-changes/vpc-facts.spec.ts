import { groupRecordAt } from '../group-record';
import { instance, NOW } from '../../testing/group-write-path';
import { vpcFacts } from './vpc-facts';

const group = (id: string, appliedTo: { instanceIds?: string[]; cidrs?: string[] }) =>
  groupRecordAt(
    { id, vpcId: 'vpc-1', tenant: 'demo', name: id.toUpperCase(), description: '', tags: {}, isDefault: false, conventions: 'product', rules: [], appliedTo: { instanceIds: appliedTo.instanceIds ?? [], cidrs: appliedTo.cidrs ?? [] }, createdAt: NOW, updatedAt: NOW },
    1,
  );

describe('vpcFacts: what a group command may see of its VPC', () => {
  const a = instance('i-a', 'hv-1', '10.0.1.5');
  const b = instance('i-b', 'hv-1', '10.0.2.5');
  const elsewhere = instance('i-x', 'hv-2', '10.9.0.5', 'vpc-2');
  const snapshot = { groups: [group('sg-self', { instanceIds: ['i-a'] }), group('sg-web', { instanceIds: ['i-a'] }), group('sg-net', { cidrs: ['10.0.0.0/16'] })], instances: [a, b] };

  it('names the other groups, and the ids a rule may reference (this group included, even before it exists)', () => {
    expect(vpcFacts(snapshot, 'vpc-1', 'sg-self', async () => []).otherNames).toEqual(['SG-WEB', 'SG-NET']);
    expect(vpcFacts(snapshot, 'vpc-1', 'sg-self', async () => []).groupIds).toEqual(['sg-self', 'sg-web', 'sg-net']);
    expect(vpcFacts(snapshot, 'vpc-1', 'sg-new', async () => []).groupIds).toEqual(['sg-self', 'sg-web', 'sg-net', 'sg-new']);
    expect(vpcFacts(snapshot, 'vpc-1', null, async () => []).otherNames).toEqual(['SG-SELF', 'SG-WEB', 'SG-NET']);
  });

  it('counts the groups that reach each named instance (directly or through a CIDR), leaving out the group being changed', async () => {
    const facts = vpcFacts(snapshot, 'vpc-1', 'sg-self', async (ids) => [a, b, elsewhere].filter((i) => ids.includes(i.id)));
    await expect(facts.instanceFacts(['i-a', 'i-b', 'i-x'])).resolves.toEqual({
      'i-a': { vpcId: 'vpc-1', groupCount: 2 },
      'i-b': { vpcId: 'vpc-1', groupCount: 1 },
      // Of another VPC: the domain refuses it by its VPC, not by a count.
      'i-x': { vpcId: 'vpc-2', groupCount: 0 },
    });
  });

  it('knows only the instances the caller may see: another tenant\'s are absent (a 404 to come)', async () => {
    const facts = vpcFacts(snapshot, 'vpc-1', 'sg-self', async (ids) => [a].filter((i) => ids.includes(i.id)));
    await expect(facts.instanceFacts(['i-a', 'i-hidden'])).resolves.toEqual({ 'i-a': { vpcId: 'vpc-1', groupCount: 2 } });
  });
});
