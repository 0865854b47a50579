import type { Rule } from '../rule/rule';
import { diffSecurityGroup } from './security-group.diff';
import type { SecurityGroup, SecurityGroupState } from './security-group.state';

const rule = (id: string, port: number): Rule => ({ id, direction: 'inbound', protocol: 'tcp', portMin: port, portMax: port, remote: { kind: 'cidr', cidr: '0.0.0.0/0' } }) as unknown as Rule;

const group = (changes: Partial<SecurityGroup> = {}): SecurityGroup => ({
  id: 'sg-1', vpcId: 'vpc-1', tenant: 'demo', name: 'web', description: '', tags: { team: 'ml' }, isDefault: false, conventions: 'product',
  rules: [rule('sgr-1', 22)], appliedTo: { instanceIds: ['i-1'], cidrs: [] }, createdAt: 't0', updatedAt: 't0', ...changes,
});
const active = (changes: Partial<SecurityGroup> = {}): SecurityGroupState => ({ status: 'active', group: group(changes) });

describe('diffSecurityGroup', () => {
  it('says nothing when nothing changed', () => {
    expect(diffSecurityGroup(active(), active({ updatedAt: 't1' }))).toEqual({});
  });

  it('shows a creation as everything added', () => {
    expect(diffSecurityGroup({ status: 'absent' }, active())).toEqual({ created: true, tags: { set: { team: 'ml' }, removed: {} }, rulesAdded: [rule('sgr-1', 22)], instancesAttached: ['i-1'] });
  });

  it('shows a deletion as everything removed', () => {
    expect(diffSecurityGroup(active(), { status: 'deleted', group: group() })).toEqual({
      deleted: true, tags: { set: {}, removed: { team: 'ml' } }, rulesRemoved: [rule('sgr-1', 22)], instancesDetached: ['i-1'],
    });
  });

  it('tells rules added and removed apart by id, a replaced rule being both', () => {
    expect(diffSecurityGroup(active(), active({ rules: [rule('sgr-2', 22), rule('sgr-3', 443)] }))).toEqual({
      rulesAdded: [rule('sgr-2', 22), rule('sgr-3', 443)], rulesRemoved: [rule('sgr-1', 22)],
    });
  });

  it('shows the name, description, tags, instances and CIDRs that changed', () => {
    const after = active({ name: 'web-2', description: 'front', tags: { team: 'infra', env: 'prod' }, appliedTo: { instanceIds: ['i-2'], cidrs: ['10.0.0.0/24'] } });
    expect(diffSecurityGroup(active({ tags: { team: 'ml', old: 'x' } }), after)).toEqual({
      name: { from: 'web', to: 'web-2' },
      description: { from: '', to: 'front' },
      tags: { set: { team: 'infra', env: 'prod' }, removed: { old: 'x' } },
      instancesAttached: ['i-2'], instancesDetached: ['i-1'], cidrsAdded: ['10.0.0.0/24'],
    });
  });
});
