import { SecurityGroupEvent, SecurityGroupEventTypes as T } from '../security-group/security-group.events';
import { Rule } from '../rule/rule';
import { summarizeGroupChange } from './change-summary';

const at = '2026-11-27T10:00:00.000Z';
const rule = (direction: 'inbound' | 'outbound', id: string): Rule => ({
  id, direction, protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remote: '0.0.0.0/0', remoteGroupId: null, description: '',
});

describe('operation summaries in the console\'s words', () => {
  it.each<[SecurityGroupEvent[], string]>([
    [[{ type: T.RulesAdded, data: { groupId: 'sg-1', rules: [rule('inbound', 'a'), rule('inbound', 'b')], at } }], 'Added 2 inbound rules to web-servers'],
    [[{ type: T.RulesAdded, data: { groupId: 'sg-1', rules: [rule('inbound', 'a'), rule('outbound', 'b')], at } }], 'Added 1 inbound rule and 1 outbound rule to web-servers'],
    [[{ type: T.RulesRemoved, data: { groupId: 'sg-1', ruleIds: ['a'], at } }], 'Removed 1 rule from web-servers'],
    [[{ type: T.AppliedToChanged, data: { groupId: 'sg-1', instanceIdsAdded: ['i-1'], instanceIdsRemoved: ['i-2'], cidrsAdded: [], cidrsRemoved: [], at } }], 'Applied web-servers to 1 instance and detached web-servers from 1 instance'],
    [[{ type: T.Deleted, data: { groupId: 'sg-1', detachedInstanceIds: [], detachedCidrs: [], at } }], 'Deleted security group web-servers'],
    [
      [
        { type: T.Created, data: { groupId: 'sg-1', vpcId: 'vpc-1', tenant: 'demo', name: 'web-servers', description: '', tags: {}, isDefault: false, at } },
        { type: T.RulesAdded, data: { groupId: 'sg-1', rules: [rule('inbound', 'a'), rule('inbound', 'b')], at } },
        { type: T.AppliedToChanged, data: { groupId: 'sg-1', instanceIdsAdded: ['i-1', 'i-2', 'i-3'], instanceIdsRemoved: [], cidrsAdded: [], cidrsRemoved: [], at } },
      ],
      'Created security group web-servers with 2 inbound rules, applied to 3 instances',
    ],
    [[], 'No change to web-servers'],
  ])('%#', (events, expected) => {
    expect(summarizeGroupChange(events, 'web-servers')).toBe(expected);
  });
});
