import { DomainError } from '../shared/domain-error';
import { DEFAULT_LIMITS } from '../shared/limits';
import { RuleSpec } from '../rule/rule';
import { CommandContext, CreateSecurityGroup } from './security-group.commands';
import { decideSecurityGroup } from './security-group.decide';
import { initialSecurityGroupState, rebuildSecurityGroup, SecurityGroup } from './security-group.state';

const NOW = '2026-12-02T10:00:00.000Z';
let n = 0;
const ctx: CommandContext = { now: NOW, newRuleId: () => `sgr-${++n}`, limits: DEFAULT_LIMITS };
const ssh: RuleSpec = { direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: null, remoteGroupId: null, description: '' };

const create = (over: Partial<CreateSecurityGroup> = {}): CreateSecurityGroup => ({
  type: 'CreateSecurityGroup', groupId: 'sg-1', vpcId: 'vpc-p', tenant: 'demo', name: 'web', description: '', tags: {}, conventions: 'neutron',
  rules: [], applyTo: { instanceIds: [], cidrs: [] }, existingNamesInVpc: ['web', 'default'], groupIdsInVpc: ['sg-1'], instances: {}, ...over,
});

function groupOf(events: ReturnType<typeof decideSecurityGroup>): SecurityGroup {
  const state = rebuildSecurityGroup(events);
  if (state.status !== 'active') throw new Error('not active');
  return state.group;
}

describe('groups following Neutron\'s conventions (a project VPC\'s)', () => {
  it('start with egress to anywhere over IPv4 and IPv6, need no unique name, and may not be called default', () => {
    const g = groupOf(decideSecurityGroup(create(), initialSecurityGroupState(), ctx));
    expect(g.conventions).toBe('neutron');
    expect(g.rules.map((r) => [r.direction, r.protocol, r.ipVersion, r.remote, r.remoteGroupId])).toEqual([
      ['outbound', 'all', 'IPv4', null, null],
      ['outbound', 'all', 'IPv6', null, null],
    ]);
    expect(() => decideSecurityGroup(create({ name: 'Default' }), initialSecurityGroupState(), ctx)).toThrow('Default security group already exists.');
    expect(decideSecurityGroup(create({ name: '' }), initialSecurityGroupState(), ctx).length).toBeGreaterThan(0);
  });

  it('have a default group admitting its own members, whose rules may change but whose name and existence may not', () => {
    const events = decideSecurityGroup({ type: 'CreateDefaultSecurityGroup', groupId: 'sg-d', vpcId: 'vpc-p', tenant: 'demo', conventions: 'neutron' }, initialSecurityGroupState(), ctx);
    const state = rebuildSecurityGroup(events);
    const g = groupOf(events);
    expect(g.rules.filter((r) => r.direction === 'inbound').map((r) => r.remoteGroupId)).toEqual(['sg-d', 'sg-d']);
    const added = decideSecurityGroup({ type: 'AddRules', rules: [{ spec: ssh, sourcePath: 'rule' }], groupIdsInVpc: ['sg-d'] }, state, ctx);
    expect(added).toHaveLength(1);
    expect(() => decideSecurityGroup({ type: 'UpdateSecurityGroup', name: 'other', existingNamesInVpc: [] }, state, ctx)).toThrow('Updating default security group not allowed.');
    expect(() => decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: [] }, state, ctx)).toThrow('Insufficient rights for removing default security group.');
  });

  it('are deleted with their rules in one change', () => {
    const state = rebuildSecurityGroup(decideSecurityGroup(create(), initialSecurityGroupState(), ctx));
    const events = decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: [] }, state, ctx);
    expect(events.map((e) => e.type)).toEqual(['security-group.rules.removed', 'security-group.deleted']);
    expect(rebuildSecurityGroup([...decideSecurityGroup(create(), initialSecurityGroupState(), ctx), ...events]).status).toBe('deleted');
  });

  it('are deleted even while other groups\' rules name them as remote; those rules go in the same change (ForgetRemoteGroup)', () => {
    const state = rebuildSecurityGroup(decideSecurityGroup(create(), initialSecurityGroupState(), ctx));
    expect(decideSecurityGroup({ type: 'DeleteSecurityGroup', referencedByGroupIds: ['sg-2'] }, state, ctx).map((e) => e.type)).toEqual([
      'security-group.rules.removed',
      'security-group.deleted',
    ]);
    const fromWeb = { ...ssh, remoteGroupId: 'sg-web' };
    const other = rebuildSecurityGroup(decideSecurityGroup(create({ groupId: 'sg-2', groupIdsInVpc: ['sg-2', 'sg-web'], rules: [{ spec: ssh, sourcePath: 'a' }, { spec: fromWeb, sourcePath: 'b' }] }), initialSecurityGroupState(), ctx));
    const naming = (other as { group: SecurityGroup }).group.rules.find((r) => r.remoteGroupId === 'sg-web')!;
    expect(decideSecurityGroup({ type: 'ForgetRemoteGroup', remoteGroupId: 'sg-web' }, other, ctx)).toEqual([
      { type: 'security-group.rules.removed', data: { groupId: 'sg-2', ruleIds: [naming.id], at: NOW } },
    ]);
    expect(decideSecurityGroup({ type: 'ForgetRemoteGroup', remoteGroupId: 'sg-none' }, other, ctx)).toEqual([]);
  });

  it('count a rule without a remote as the same rule as one to 0.0.0.0/0, and a protocol\'s name as its number', () => {
    const state = rebuildSecurityGroup(decideSecurityGroup(create({ rules: [{ spec: ssh, sourcePath: 'rule' }] }), initialSecurityGroupState(), ctx));
    const same = { ...ssh, protocol: '6', remote: '0.0.0.0/0' };
    expect(() => decideSecurityGroup({ type: 'AddRules', rules: [{ spec: same, sourcePath: 'rule' }], groupIdsInVpc: ['sg-1'] }, state, ctx)).toThrow(DomainError);
  });
});
