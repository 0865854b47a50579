import { Rule } from '../rule/rule';
import { attachmentsOf, effectiveRules, GroupView, InstanceView, memberCidrs } from './effective-rules';

const rule = (p: Partial<Rule>): Rule => ({
  id: 'sgr-x', direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4',
  remote: '0.0.0.0/0', remoteGroupId: null, description: '', ...p,
});
const inst = (id: string, ipv4: string | null, p: Partial<InstanceView> = {}): InstanceView => ({ id, vpcId: 'vpc-1', hypervisorId: 'hv-1', ipv4, ipv6: null, ...p });
const group = (id: string, p: Partial<GroupView> = {}): GroupView => ({ id, vpcId: 'vpc-1', name: id, rules: [], appliedTo: { instanceIds: [], cidrs: [] }, ...p });

describe('effective rules of an instance', () => {
  const web = inst('i-web', '10.0.1.5', { ipv6: '2001:db8::5' });
  const db = inst('i-db', '10.0.2.7');
  const other = inst('i-other', '10.0.1.9', { vpcId: 'vpc-2' });

  it('unions the rules of groups applied directly and through a CIDR, naming each group', () => {
    const direct = group('sg-direct', { rules: [rule({ id: 'sgr-1' })], appliedTo: { instanceIds: ['i-web'], cidrs: [] } });
    const segment = group('sg-segment', { rules: [rule({ id: 'sgr-2', portRange: { from: 80, to: 80 } })], appliedTo: { instanceIds: [], cidrs: ['10.0.1.0/24'] } });
    const unrelated = group('sg-db', { rules: [rule({ id: 'sgr-3' })], appliedTo: { instanceIds: ['i-db'], cidrs: [] } });
    const rules = effectiveRules(web, [direct, segment, unrelated], [web, db]);
    expect(rules.map((r) => [r.id, r.groupId, r.remoteCidrs])).toEqual([
      ['sgr-1', 'sg-direct', ['0.0.0.0/0']],
      ['sgr-2', 'sg-segment', ['0.0.0.0/0']],
    ]);
    expect(attachmentsOf(web, [direct, segment]).map((a) => a.via)).toEqual([{ kind: 'instance' }, { kind: 'cidr', cidr: '10.0.1.0/24' }]);
  });

  it('a CIDR attachment covers instances registered later, and matches IPv6 addresses too', () => {
    const segment = group('sg-v6', { rules: [rule({ id: 'sgr-6', ipVersion: 'IPv6', remote: '::/0' })], appliedTo: { instanceIds: [], cidrs: ['2001:db8::/64'] } });
    expect(effectiveRules(web, [segment], [web])).toHaveLength(1);
    expect(effectiveRules(db, [segment], [db])).toHaveLength(0);
  });

  it('never crosses VPCs', () => {
    const segment = group('sg-segment', { rules: [rule({})], appliedTo: { instanceIds: ['i-other'], cidrs: ['10.0.0.0/8'] } });
    expect(effectiveRules(other, [segment], [other])).toHaveLength(0);
  });

  it('resolves a remote group to its members\' addresses of the rule\'s IP version, kept current', () => {
    const dbGroup = group('sg-db', { appliedTo: { instanceIds: ['i-db'], cidrs: ['10.0.1.0/24'] } });
    const webGroup = group('sg-web', {
      rules: [rule({ id: 'sgr-from-db', remote: null, remoteGroupId: 'sg-db', portRange: { from: 5432, to: 5432 } })],
      appliedTo: { instanceIds: ['i-web'], cidrs: [] },
    });
    const rules = effectiveRules(web, [dbGroup, webGroup], [web, db, other]);
    // i-web itself is in 10.0.1.0/24, so it is a member of sg-db as well; i-other is in another VPC.
    expect(rules[0].remoteCidrs).toEqual(['10.0.1.5/32', '10.0.2.7/32']);
    expect(memberCidrs(dbGroup, [web, db], 'IPv6')).toEqual(['2001:db8::5/128']);
    const joined = inst('i-new', '10.0.3.3');
    const grown = { ...dbGroup, appliedTo: { instanceIds: ['i-db', 'i-new'], cidrs: ['10.0.1.0/24'] } };
    expect(effectiveRules(web, [grown, webGroup], [web, db, joined])[0].remoteCidrs).toEqual(['10.0.1.5/32', '10.0.2.7/32', '10.0.3.3/32']);
  });

  it('a rule naming a group that no longer exists matches nobody', () => {
    const webGroup = group('sg-web', { rules: [rule({ remote: null, remoteGroupId: 'sg-gone' })], appliedTo: { instanceIds: ['i-web'], cidrs: [] } });
    expect(effectiveRules(web, [webGroup], [web])[0].remoteCidrs).toEqual([]);
  });
});
