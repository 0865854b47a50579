import { DEFAULT_LIMITS } from '../shared/limits';
import { RuleSpec } from '../rule/rule';
import { NormalizedRule } from '../rule/rule';
import { scenario, sequentialIds } from '../testing/scenario';
import { SecurityGroupCommand } from './security-group.commands';
import { decideSecurityGroup } from './security-group.decide';
import { SecurityGroupEvent, SecurityGroupEventTypes as T } from './security-group.events';
import { evolveSecurityGroup, initialSecurityGroupState, rebuildSecurityGroup, SecurityGroupState } from './security-group.state';
import { DEFAULT_GROUP_RULES } from './default-rules';

const now = '2026-11-27T10:00:00.000Z';

function decider(limits = DEFAULT_LIMITS) {
  const newRuleId = sequentialIds('sgr-new-');
  return {
    decide: (c: SecurityGroupCommand, s: SecurityGroupState) => decideSecurityGroup(c, s, { now, newRuleId, limits }),
    evolve: evolveSecurityGroup,
    initialState: initialSecurityGroupState,
  };
}

const given = (events: SecurityGroupEvent[], limits = DEFAULT_LIMITS) => scenario(decider(limits))(events);

function spec(p: Partial<RuleSpec> = {}): RuleSpec {
  return { direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '203.0.113.7/32', remoteGroupId: null, description: '', ...p };
}
const input = (s: RuleSpec, i = 0): NormalizedRule => ({ spec: s, sourcePath: `rules[${i}]` });

const created: SecurityGroupEvent = {
  type: T.Created,
  data: { groupId: 'sg-web', vpcId: 'vpc-1', tenant: 'demo', name: 'web-servers', description: '', tags: {}, isDefault: false, at: now },
};
const ssh = { ...spec(), id: 'sgr-ssh' };
const withSsh: SecurityGroupEvent = { type: T.RulesAdded, data: { groupId: 'sg-web', rules: [ssh], at: now } };
const defaultCreated: SecurityGroupEvent[] = decider().decide({ type: 'CreateDefaultSecurityGroup', groupId: 'sg-def', vpcId: 'vpc-1', tenant: 'demo' }, initialSecurityGroupState());

const instance = (vpcId = 'vpc-1', groupCount = 1) => ({ vpcId, groupCount });

describe('security group: creation', () => {
  const base = {
    type: 'CreateSecurityGroup' as const,
    groupId: 'sg-web', vpcId: 'vpc-1', tenant: 'demo', name: 'web-servers', description: '', tags: { team: 'ml' },
    rules: [], applyTo: { instanceIds: [], cidrs: [] }, existingNamesInVpc: ['default'], groupIdsInVpc: ['sg-def', 'sg-web'], instances: {},
  };

  it('creates an empty group', () => {
    given([]).when(base).then([{ type: T.Created, data: { groupId: 'sg-web', vpcId: 'vpc-1', tenant: 'demo', name: 'web-servers', description: '', tags: { team: 'ml' }, isDefault: false, at: now } }]);
  });

  it('creates rules and applies the group in the same change', () => {
    const events = given([]).when({ ...base, rules: [input(spec())], applyTo: { instanceIds: ['i-1'], cidrs: ['10.0.1.0/24'] }, instances: { 'i-1': instance() } }).thenEvents();
    expect(events.map((e) => e.type)).toEqual([T.Created, T.RulesAdded, T.AppliedToChanged]);
    const state = rebuildSecurityGroup(events);
    expect(state.status === 'active' && state.group.rules.map((r) => r.id)).toEqual(['sgr-new-1']);
    expect(state.status === 'active' && state.group.appliedTo).toEqual({ instanceIds: ['i-1'], cidrs: ['10.0.1.0/24'] });
  });

  it('refuses the reserved name "default"', () => {
    const err = given([]).when({ ...base, name: 'Default' }).thenThrows('validation-failed');
    expect(err.issues).toEqual([{ path: 'name', message: 'the name "default" is reserved' }]);
  });

  it('refuses a name already used in the VPC, whatever its case', () => {
    given([]).when({ ...base, existingNamesInVpc: ['default', 'WEB-servers'] }).thenThrows('conflict', /already exists/);
  });

  it('refuses a 101st group in a VPC (quota)', () => {
    const names = Array.from({ length: 100 }, (_, i) => `g${i}`);
    given([]).when({ ...base, existingNamesInVpc: names }).thenThrows('quota-exceeded', /100 security groups/);
  });

  it('refuses an instance of another VPC, and an unknown one', () => {
    given([]).when({ ...base, applyTo: { instanceIds: ['i-9'], cidrs: [] }, instances: { 'i-9': instance('vpc-2') } }).thenThrows('validation-failed', /own VPC/);
    const err = given([]).when({ ...base, applyTo: { instanceIds: ['i-404'], cidrs: [] } }).thenThrows('not-found');
    expect(err.issues[0]).toEqual({ path: 'applyTo.instanceIds', message: 'no instance i-404' });
  });

  it('refuses a sixth group on an instance (quota)', () => {
    given([]).when({ ...base, applyTo: { instanceIds: ['i-1'], cidrs: [] }, instances: { 'i-1': instance('vpc-1', 5) } }).thenThrows('quota-exceeded', /at most 5 security groups/);
  });

  it('refuses to create a group twice', () => {
    given([created]).when(base).thenThrows('conflict');
  });
});

describe('security group: the default group', () => {
  it('has the six outbound rules of the contract, each with its own id', () => {
    const state = rebuildSecurityGroup(defaultCreated);
    if (state.status !== 'active') throw new Error('not created');
    expect(state.group.isDefault).toBe(true);
    expect(state.group.name).toBe('default');
    expect(state.group.rules.map(({ id: _id, ...rest }) => rest)).toEqual(DEFAULT_GROUP_RULES);
    expect(state.group.rules.every((r) => r.direction === 'outbound')).toBe(true);
    expect(new Set(state.group.rules.map((r) => r.id)).size).toBe(6);
    expect(DEFAULT_GROUP_RULES.map((r) => [r.protocol, r.portRange?.from ?? 'all', r.ipVersion, r.remote])).toEqual([
      ['udp', 547, 'IPv6', 'ff02::1:2/128'],
      ['tcp', 80, 'IPv4', '169.254.169.254/32'],
      ['udp', 67, 'IPv4', '0.0.0.0/0'],
      ['tcp', 80, 'IPv6', 'fe80::a9fe:a9fe/128'],
      ['all', 'all', 'IPv4', '0.0.0.0/0'],
      ['all', 'all', 'IPv6', '::/0'],
    ]);
  });

  const someRuleId = () => {
    const s = rebuildSecurityGroup(defaultCreated);
    return s.status === 'active' ? s.group.rules[0].id : '';
  };

  it.each<[string, SecurityGroupCommand]>([
    ['adding a rule', { type: 'AddRules', rules: [input(spec())], groupIdsInVpc: [] }],
    ['removing a rule', { type: 'RemoveRules', ruleIds: [someRuleId()] }],
    ['replacing the rules', { type: 'ReplaceRules', rules: [], groupIdsInVpc: [] }],
    ['renaming it', { type: 'UpdateSecurityGroup', name: 'mine', existingNamesInVpc: ['default'] }],
    ['deleting it', { type: 'DeleteSecurityGroup', referencedByGroupIds: [] }],
  ])('refuses %s with default-group-immutable', (_, command) => {
    given(defaultCreated).when(command).thenThrows('default-group-immutable');
  });

  it('may still be described, tagged and applied', () => {
    expect(given(defaultCreated).when({ type: 'UpdateSecurityGroup', description: 'ours', tags: { a: 'b' }, existingNamesInVpc: [] }).thenEvents()).toHaveLength(1);
    expect(given(defaultCreated).when({ type: 'ChangeAppliedTo', mode: 'add', instanceIds: ['i-1'], cidrs: [], instances: { 'i-1': instance() } }).thenEvents()).toHaveLength(1);
  });

  it('is deleted with its VPC', () => {
    expect(given(defaultCreated).when({ type: 'DeleteSecurityGroup', referencedByGroupIds: [], cascadeFromVpc: true }).thenEvents()[0].type).toBe(T.Deleted);
  });
});

describe('security group: rules', () => {
  it('adds rules with new ids', () => {
    given([created]).when({ type: 'AddRules', rules: [input(spec())], groupIdsInVpc: [] }).then([
      { type: T.RulesAdded, data: { groupId: 'sg-web', rules: [{ ...spec(), id: 'sgr-new-1' }], at: now } },
    ]);
  });

  it('refuses a rule that exists already, naming the existing rule id', () => {
    const err = given([created, withSsh]).when({ type: 'AddRules', rules: [input(spec({ description: 'other words' }))], groupIdsInVpc: [] }).thenThrows('duplicate-rule', /sgr-ssh/);
    expect(err.issues).toEqual([{ path: 'rules[0]', message: 'duplicates existing rule sgr-ssh' }]);
  });

  it('refuses duplicates within one request', () => {
    const err = given([created]).when({ type: 'AddRules', rules: [input(spec(), 0), input(spec(), 1)], groupIdsInVpc: [] }).thenThrows('duplicate-rule');
    expect(err.issues).toEqual([{ path: 'rules[1]', message: 'duplicates rules[0] in the same request' }]);
  });

  it.each<[string, Partial<RuleSpec>]>([
    ['direction', { direction: 'outbound' }],
    ['protocol', { protocol: 'udp' }],
    ['ports', { portRange: { from: 22, to: 23 } }],
    ['remote', { remote: '203.0.113.8/32' }],
    ['remote group', { remote: null, remoteGroupId: 'sg-web' }],
  ])('a rule that differs in %s is not a duplicate', (_, diff) => {
    expect(given([created, withSsh]).when({ type: 'AddRules', rules: [input(spec(diff))], groupIdsInVpc: ['sg-web'] }).thenEvents()).toHaveLength(1);
  });

  it('treats ICMP type and code as part of the rule', () => {
    const ping = spec({ protocol: 'icmp', portRange: null, icmp: { type: 8, code: 0 } });
    const events = given([created]).when({ type: 'AddRules', rules: [input(ping, 0), input({ ...ping, icmp: { type: 8, code: null } }, 1), input({ ...ping, icmp: { type: 0, code: 0 } }, 2)], groupIdsInVpc: [] }).thenEvents();
    expect(events[0].type === T.RulesAdded && events[0].data.rules).toHaveLength(3);
    given([created]).when({ type: 'AddRules', rules: [input(ping, 0), input(ping, 1)], groupIdsInVpc: [] }).thenThrows('duplicate-rule');
  });

  it('refuses a remote group outside the VPC', () => {
    const err = given([created]).when({ type: 'AddRules', rules: [input(spec({ remote: null, remoteGroupId: 'sg-elsewhere' }))], groupIdsInVpc: ['sg-web'] }).thenThrows('validation-failed');
    expect(err.issues[0].path).toBe('rules[0].remote.group');
  });

  it('refuses the 201st rule (quota), and allows the 200th', () => {
    const many = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => input(spec({ portRange: { from: 1000 + offset + i, to: 1000 + offset + i } }), i));
    expect(given([created, withSsh]).when({ type: 'AddRules', rules: many(199), groupIdsInVpc: [] }).thenEvents()).toHaveLength(1);
    given([created, withSsh]).when({ type: 'AddRules', rules: many(200), groupIdsInVpc: [] }).thenThrows('quota-exceeded', /at most 200 rules/);
    given([created], { ...DEFAULT_LIMITS, rulesPerGroup: 2 }).when({ type: 'AddRules', rules: many(3), groupIdsInVpc: [] }).thenThrows('quota-exceeded');
  });

  it('removes rules by id, and 404s an unknown id without removing anything', () => {
    given([created, withSsh]).when({ type: 'RemoveRules', ruleIds: ['sgr-ssh'] }).then([{ type: T.RulesRemoved, data: { groupId: 'sg-web', ruleIds: ['sgr-ssh'], at: now } }]);
    given([created, withSsh]).when({ type: 'RemoveRules', ruleIds: ['sgr-ssh', 'sgr-nope'] }).thenThrows('not-found', /sgr-nope/);
  });

  it('replaces the set: kept rules keep their ids, new ones get ids, missing ones go', () => {
    const http = { ...spec({ portRange: { from: 80, to: 80 } }), id: 'sgr-http' };
    const given2 = [created, { type: T.RulesAdded, data: { groupId: 'sg-web', rules: [ssh, http], at: now } } as SecurityGroupEvent];
    const https = spec({ portRange: { from: 443, to: 443 } });
    const events = given(given2).when({ type: 'ReplaceRules', rules: [input(spec(), 0), input(https, 1)], groupIdsInVpc: [] }).thenEvents();
    expect(events).toEqual([{ type: T.RulesReplaced, data: { groupId: 'sg-web', removedRuleIds: ['sgr-http'], added: [{ ...https, id: 'sgr-new-1' }], at: now } }]);
    const state = rebuildSecurityGroup([...given2, ...events]);
    expect(state.status === 'active' && state.group.rules.map((r) => r.id).sort()).toEqual(['sgr-new-1', 'sgr-ssh']);
  });

  it('replacing with a new description keeps the id', () => {
    const events = given([created, withSsh]).when({ type: 'ReplaceRules', rules: [input(spec({ description: 'office' }))], groupIdsInVpc: [] }).thenEvents();
    const state = rebuildSecurityGroup([created, withSsh, ...events]);
    expect(state.status === 'active' && state.group.rules).toEqual([{ ...spec({ description: 'office' }), id: 'sgr-ssh' }]);
  });

  it('replacing with the same set changes nothing', () => {
    given([created, withSsh]).when({ type: 'ReplaceRules', rules: [input(spec())], groupIdsInVpc: [] }).then([]);
  });

  it('replacing refuses duplicates within the new set', () => {
    given([created]).when({ type: 'ReplaceRules', rules: [input(spec(), 0), input(spec(), 1)], groupIdsInVpc: [] }).thenThrows('duplicate-rule');
  });
});

describe('security group: applied to', () => {
  const attached: SecurityGroupEvent = { type: T.AppliedToChanged, data: { groupId: 'sg-web', instanceIdsAdded: ['i-1', 'i-2'], instanceIdsRemoved: [], cidrsAdded: ['10.0.1.0/24'], cidrsRemoved: [], at: now } };
  const facts = { 'i-1': instance(), 'i-2': instance(), 'i-3': instance() };

  it('set makes the lists exactly the given ones (the console\'s X icon removes one)', () => {
    given([created, attached]).when({ type: 'ChangeAppliedTo', mode: 'set', instanceIds: ['i-2', 'i-3'], cidrs: [], instances: facts }).then([
      { type: T.AppliedToChanged, data: { groupId: 'sg-web', instanceIdsAdded: ['i-3'], instanceIdsRemoved: ['i-1'], cidrsAdded: [], cidrsRemoved: ['10.0.1.0/24'], at: now } },
    ]);
  });

  it('add and remove change only the given entries; nothing to change emits nothing', () => {
    given([created, attached]).when({ type: 'ChangeAppliedTo', mode: 'add', instanceIds: ['i-1', 'i-3'], cidrs: ['10.0.1.0/24'], instances: facts }).then([
      { type: T.AppliedToChanged, data: { groupId: 'sg-web', instanceIdsAdded: ['i-3'], instanceIdsRemoved: [], cidrsAdded: [], cidrsRemoved: [], at: now } },
    ]);
    given([created, attached]).when({ type: 'ChangeAppliedTo', mode: 'remove', instanceIds: ['i-2', 'i-9'], cidrs: [], instances: facts }).then([
      { type: T.AppliedToChanged, data: { groupId: 'sg-web', instanceIdsAdded: [], instanceIdsRemoved: ['i-2'], cidrsAdded: [], cidrsRemoved: [], at: now } },
    ]);
    given([created, attached]).when({ type: 'ChangeAppliedTo', mode: 'add', instanceIds: ['i-1'], cidrs: [], instances: facts }).then([]);
  });

  it('detaches a deleted instance', () => {
    const events = given([created, attached]).when({ type: 'DetachInstance', instanceId: 'i-1' }).thenEvents();
    const state = rebuildSecurityGroup([created, attached, ...events]);
    expect(state.status === 'active' && state.group.appliedTo.instanceIds).toEqual(['i-2']);
    given([created, attached]).when({ type: 'DetachInstance', instanceId: 'i-7' }).then([]);
  });
});

describe('security group: update and delete', () => {
  it('renames, describes and tags; no change emits nothing', () => {
    given([created]).when({ type: 'UpdateSecurityGroup', name: 'web', description: 'front', tags: { team: 'ml' }, existingNamesInVpc: ['default', 'web-servers'] }).then([
      { type: T.Updated, data: { groupId: 'sg-web', name: 'web', description: 'front', tags: { team: 'ml' }, at: now } },
    ]);
    given([created]).when({ type: 'UpdateSecurityGroup', name: 'web-servers', existingNamesInVpc: ['web-servers'] }).then([]);
  });

  it('refuses deletion while rules remain, saying how many', () => {
    const http = { ...spec({ portRange: { from: 80, to: 80 } }), id: 'sgr-http' };
    given([created, withSsh, { type: T.RulesAdded, data: { groupId: 'sg-web', rules: [http], at: now } }]).when({ type: 'DeleteSecurityGroup', referencedByGroupIds: [] }).thenThrows('group-has-rules', /2 rules/);
  });

  it('deletes an empty group and detaches it everywhere', () => {
    const attached: SecurityGroupEvent = { type: T.AppliedToChanged, data: { groupId: 'sg-web', instanceIdsAdded: ['i-1'], instanceIdsRemoved: [], cidrsAdded: ['10.0.0.0/24'], cidrsRemoved: [], at: now } };
    given([created, attached]).when({ type: 'DeleteSecurityGroup', referencedByGroupIds: [] }).then([
      { type: T.Deleted, data: { groupId: 'sg-web', detachedInstanceIds: ['i-1'], detachedCidrs: ['10.0.0.0/24'], at: now } },
    ]);
  });

  it('refuses deletion while another group\'s rules reference it', () => {
    given([created]).when({ type: 'DeleteSecurityGroup', referencedByGroupIds: ['sg-db'] }).thenThrows('conflict', /sg-db/);
  });

  it('a deleted group is gone for every command', () => {
    const deleted: SecurityGroupEvent = { type: T.Deleted, data: { groupId: 'sg-web', detachedInstanceIds: [], detachedCidrs: [], at: now } };
    given([created, deleted]).when({ type: 'AddRules', rules: [input(spec())], groupIdsInVpc: [] }).thenThrows('not-found');
    given([created, deleted]).when({ type: 'DeleteSecurityGroup', referencedByGroupIds: [] }).thenThrows('not-found');
  });
});
