import type { DesiredState, StatePort, StateRule } from '@sg/protocol';
import { compileState } from './compile';
import { deleteArguments, disallowedFlows, Flow, losesAllowances, parseConntrack } from './flows';
import type { Policy } from './policy';

const CONNTRACK = `ipv4     2 tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=43210 dport=22 src=10.0.0.2 dst=10.0.0.1 sport=22 dport=43210 [ASSURED] mark=0 use=1
ipv4     2 icmp     1 29 src=10.0.0.3 dst=10.0.0.2 type=8 code=0 id=7468 src=10.0.0.2 dst=10.0.0.3 type=0 code=0 id=7468 mark=0 use=1
ipv6     10 icmpv6   58 29 src=fd77::11 dst=fd77::12 type=128 code=0 id=7467 src=fd77::12 dst=fd77::11 type=129 code=0 id=7467 mark=0 use=1
ipv4     2 unknown  47 599 src=10.0.0.1 dst=10.0.0.2 src=10.0.0.2 dst=10.0.0.1 mark=0 use=1
conntrack v1.4.7 (conntrack-tools): 4 flow entries have been shown.`;

function rule(id: string, fields: Partial<StateRule> = {}): StateRule {
  return { id, direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remoteCidrs: ['10.0.0.1/32'], remoteGroupId: null, ...fields };
}
const port = (n: number, rules: StateRule[]): StatePort => ({ instanceId: `i-${n}`, vpcId: 'v', ipv4: `10.0.0.${n}`, ipv6: null, groups: [{ groupId: `sg-${n}`, name: 'g', rules }] });
const everythingOut = rule('out', { direction: 'outbound', protocol: 'all', portRange: null, remoteCidrs: ['0.0.0.0/0'] });

function policy(ports: StatePort[]): Policy {
  const state: DesiredState = { hypervisorId: 'hv', revision: 1, force: false, ports };
  return compileState(state, new Map(ports.map((p) => [p.instanceId, `tap${p.instanceId.slice(2)}`])), { table: 't', interfacePrefix: 'tap' }).policy;
}

const flows = parseConntrack(CONNTRACK);
const none = { local: new Set<string>(), retired: new Set<string>() };
const tcp22: Flow = flows[0];

describe('conntrack flows', () => {
  it('reads the original direction of every entry', () => {
    expect(flows).toEqual([
      { family: 'ipv4', protocol: 'tcp', protocolNumber: 6, src: '10.0.0.1', dst: '10.0.0.2', sport: 43210, dport: 22 },
      { family: 'ipv4', protocol: 'icmp', protocolNumber: 1, src: '10.0.0.3', dst: '10.0.0.2', type: 8, code: 0, id: 7468 },
      { family: 'ipv6', protocol: 'icmpv6', protocolNumber: 58, src: 'fd77::11', dst: 'fd77::12', type: 128, code: 0, id: 7467 },
      { family: 'ipv4', protocol: 'unknown', protocolNumber: 47, src: '10.0.0.1', dst: '10.0.0.2' },
    ].map((f) => expect.objectContaining(f)));
  });

  it('deletes exactly one entry', () => {
    expect(deleteArguments(flows[0])).toEqual(['-D', '-f', 'ipv4', '-p', '6', '-s', '10.0.0.1', '-d', '10.0.0.2', '--sport', '43210', '--dport', '22']);
    expect(deleteArguments(flows[2])).toEqual(['-D', '-f', 'ipv6', '-p', '58', '-s', 'fd77::11', '-d', 'fd77::12', '--icmpv6-type', '128', '--icmpv6-code', '0', '--icmpv6-id', '7467']);
  });

  it('keeps what the rules still allow at both ends, and picks what they do not', () => {
    const allowed = policy([port(1, [everythingOut]), port(2, [rule('ssh'), rule('ping', { protocol: 'icmp', portRange: null, icmp: { type: 8, code: null }, remoteCidrs: ['10.0.0.0/24'] })]), port(3, [everythingOut])]);
    expect(disallowedFlows(flows.slice(0, 2), allowed, none)).toEqual([]);
    // The receiving end lost its rule.
    expect(disallowedFlows([tcp22], policy([port(1, [everythingOut]), port(2, [])]), none)).toEqual([tcp22]);
    // The opening end has no outbound rule for it.
    expect(disallowedFlows([tcp22], policy([port(1, []), port(2, [rule('ssh')])]), none)).toEqual([tcp22]);
  });

  it('cuts flows of a port that is gone, and leaves alone flows it does not enforce or that end on the hypervisor', () => {
    const onlyOne = policy([port(1, [everythingOut])]);
    expect(disallowedFlows([tcp22], onlyOne, none)).toEqual([]); // 10.0.0.2 is not ours: the far end decides
    expect(disallowedFlows([tcp22], policy([]), { local: new Set(), retired: new Set(['10.0.0.2']) })).toEqual([tcp22]);
    expect(disallowedFlows([tcp22], policy([port(1, []), port(2, [])]), { local: new Set(['10.0.0.2']), retired: new Set() })).toEqual([]);
  });

  it('lets the metadata service through whatever the rules say', () => {
    const metadata: Flow = { family: 'ipv4', protocol: 'tcp', protocolNumber: 6, src: '10.0.0.1', dst: '169.254.169.254', sport: 5000, dport: 80 };
    expect(disallowedFlows([metadata], policy([port(1, [])]), none)).toEqual([]);
  });

  it('checks remote group members through their set', () => {
    const members = (...hosts: string[]) => policy([port(1, [everythingOut]), port(2, [rule('db', { remoteGroupId: 'sg-app', remoteCidrs: hosts })])]);
    expect(disallowedFlows([tcp22], members('10.0.0.1/32', '10.0.0.5/32'), none)).toEqual([]);
    expect(disallowedFlows([tcp22], members('10.0.0.5/32'), none)).toEqual([tcp22]);
  });
});

describe('losesAllowances', () => {
  const before = [port(1, [everythingOut]), port(2, [rule('ssh', { remoteCidrs: ['10.0.0.0/24'] }), rule('db', { portRange: { from: 5432, to: 5432 }, remoteGroupId: 'sg-app', remoteCidrs: ['10.0.0.1/32'] })])];

  it('is false for a change that only adds', () => {
    const after = [before[0], port(2, [...before[1].groups[0].rules, rule('https', { portRange: { from: 443, to: 443 } }), rule('more', { remoteCidrs: ['10.0.1.0/24'] })]), port(3, [])];
    expect(losesAllowances(policy(before), policy(after))).toBe(false);
    const wider = [before[0], port(2, [rule('ssh', { remoteCidrs: ['10.0.0.0/16'] }), before[1].groups[0].rules[1]])];
    expect(losesAllowances(policy(before), policy(wider))).toBe(false);
  });

  it('is true when a rule, a member, a port or an address goes, and when there is nothing to compare with', () => {
    const [ssh, db] = before[1].groups[0].rules;
    expect(losesAllowances(policy(before), policy([before[0], port(2, [db])]))).toBe(true);
    expect(losesAllowances(policy(before), policy([before[0], port(2, [rule('ssh', { remoteCidrs: ['10.0.0.0/25'] }), db])]))).toBe(true);
    expect(losesAllowances(policy(before), policy([before[0], port(2, [ssh, { ...db, remoteCidrs: [] }])]))).toBe(true);
    expect(losesAllowances(policy(before), policy([before[1]]))).toBe(true);
    expect(losesAllowances(policy(before), policy([{ ...before[0], ipv4: '10.0.0.9' }, before[1]]))).toBe(true);
    expect(losesAllowances(null, policy(before))).toBe(true);
  });
});
