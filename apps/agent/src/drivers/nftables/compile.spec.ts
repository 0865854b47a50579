import type { DesiredState, StateGroup, StatePort, StateRule } from '@sg/protocol';
import { CompileError, compileState } from './compile';

const OPTIONS = { table: 'sg_agent', interfacePrefix: 'tap' };

function rule(fields: Partial<StateRule>): StateRule {
  return { id: 'r', direction: 'inbound', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null, ipVersion: 'IPv4', remoteCidrs: ['0.0.0.0/0'], remoteGroupId: null, ...fields };
}
const group = (groupId: string, rules: StateRule[]): StateGroup => ({ groupId, name: groupId, rules });
const port = (n: number, groups: StateGroup[], ipv6: string | null = null): StatePort => ({ instanceId: `i-${n}`, vpcId: 'vpc-1', ipv4: `10.0.0.${n}`, ipv6, groups });
const state = (ports: StatePort[]): DesiredState => ({ hypervisorId: 'hv-1', revision: 1, force: false, ports });
const taps = (...n: number[]) => new Map(n.map((i) => [`i-${i}`, `tap${i}`]));

describe('compileState', () => {
  it('dispatches each port through the verdict maps to its own chains, and those to one chain per group and direction', () => {
    const web = group('sg-web', [rule({ id: 'ssh', remoteCidrs: ['203.0.113.0/24'] })]);
    const { ruleset } = compileState(state([port(1, [web]), port(2, [web])]), taps(1, 2), OPTIONS);
    expect(ruleset.sets.get('from_port')!.elements).toEqual(['"tap1" : jump port_out_i-1', '"tap2" : jump port_out_i-2']);
    expect(ruleset.sets.get('to_port')!.elements).toEqual(['"tap1" : jump port_in_i-1', '"tap2" : jump port_in_i-2']);
    expect(ruleset.chains.get('port_in_i-1')!.rules).toEqual(['ct state established,related accept', 'ct state invalid drop', 'jump group_in_sg-web', 'drop']);
    expect(ruleset.chains.get('port_out_i-2')!.rules).toEqual([
      'ip saddr != 10.0.0.2 drop',
      'ip6 saddr != fe80::/10 drop',
      'ct state established,related accept',
      'ct state invalid drop',
      'ip daddr 169.254.169.254 tcp dport 80 accept',
      'jump group_out_sg-web',
      'drop',
    ]);
    expect(ruleset.chains.get('group_in_sg-web')!.rules).toEqual(['ip saddr 203.0.113.0/24 tcp dport 22 accept']);
    expect(ruleset.chains.get('group_out_sg-web')!.rules).toEqual([]);
    // Two ports, one chain per group and direction.
    expect([...ruleset.chains.keys()].filter((n) => n.startsWith('group_'))).toEqual(['group_in_sg-web', 'group_out_sg-web']);
  });

  it('drops what comes from or goes to an interface of the VM prefix that carries no listed port', () => {
    const { ruleset } = compileState(state([]), new Map(), { table: 't', interfacePrefix: 'vnet' });
    expect(ruleset.chains.get('forward_from_vm')).toEqual({
      name: 'forward_from_vm',
      hook: 'type filter hook forward priority -1; policy accept;',
      rules: ['iifname vmap @from_port', 'iifname "vnet*" drop'],
    });
    expect(ruleset.chains.get('forward_to_vm')!.rules).toEqual(['oifname vmap @to_port', 'oifname "vnet*" drop']);
    expect(ruleset.chains.get('vm_to_host')!.rules[0]).toBe('iifname != @vm_ports drop');
  });

  it('renders every protocol shape the protocol allows', () => {
    const rules = [
      rule({ id: 'a', protocol: 'tcp', portRange: { from: 8000, to: 8080 } }),
      rule({ id: 'b', protocol: 'udp', portRange: null }),
      rule({ id: 'c', protocol: 'icmp', portRange: null, icmp: { type: 3, code: 4 } }),
      rule({ id: 'd', protocol: 'icmp', portRange: null, icmp: null }),
      rule({ id: 'e', protocol: 'icmpv6', portRange: null, icmp: { type: 128, code: null }, ipVersion: 'IPv6', remoteCidrs: ['2001:db8::/32'] }),
      rule({ id: 'f', protocol: 'all', portRange: null, ipVersion: 'IPv6', remoteCidrs: ['::/0'], direction: 'outbound' }),
    ];
    const { ruleset } = compileState(state([port(1, [group('sg-x', rules)], '2001:db8::1')]), taps(1), OPTIONS);
    expect(ruleset.chains.get('group_in_sg-x')!.rules.sort()).toEqual(
      [
        'meta nfproto ipv4 tcp dport 8000-8080 accept',
        'meta nfproto ipv4 meta l4proto udp accept',
        'meta nfproto ipv4 icmp type 3 icmp code 4 accept',
        'meta nfproto ipv4 meta l4proto icmp accept',
        'ip6 saddr 2001:db8::/32 icmpv6 type 128 accept',
      ].sort(),
    );
    expect(ruleset.chains.get('group_out_sg-x')!.rules).toEqual(['meta nfproto ipv6 accept']);
    expect(ruleset.chains.get('port_out_i-1')!.rules[1]).toBe('ip6 saddr != { 2001:db8::1, fe80::/10 } drop');
  });

  it('matches any other IP protocol by its number, with ports for the port protocols', () => {
    const rules = [
      rule({ id: 'g', protocol: '47', portRange: null }),
      rule({ id: 'h', protocol: '132', portRange: { from: 9000, to: 9001 } }),
    ];
    const { ruleset } = compileState(state([port(1, [group('sg-y', rules)])]), taps(1), OPTIONS);
    expect(ruleset.chains.get('group_in_sg-y')!.rules.sort()).toEqual(['meta nfproto ipv4 meta l4proto 132 th dport 9000-9001 accept', 'meta nfproto ipv4 meta l4proto 47 accept'].sort());
  });

  it('folds rules that differ only in their remote CIDR into one rule with a normalised interval set', () => {
    const rules = ['10.1.0.0/16', '10.1.2.0/24', '192.168.0.0/24', '192.168.1.0/24', '203.0.113.9/32'].map((cidr, i) => rule({ id: `r${i}`, remoteCidrs: [cidr] }));
    const { ruleset } = compileState(state([port(1, [group('sg-list', [...rules, rule({ id: 'other', portRange: { from: 80, to: 80 }, remoteCidrs: ['10.9.0.0/16'] })])])]), taps(1), OPTIONS);
    expect(ruleset.chains.get('group_in_sg-list')!.rules).toEqual([
      'ip saddr { 10.1.0.0/16, 192.168.0.0/23, 203.0.113.9 } tcp dport 22 accept',
      'ip saddr 10.9.0.0/16 tcp dport 80 accept',
    ]);
  });

  it('keeps a remote group in one named set that every rule naming it shares', () => {
    const members = ['10.0.0.1/32', '10.0.0.2/32'];
    const a = group('sg-a', [rule({ id: 'x', remoteGroupId: 'sg-db', remoteCidrs: members })]);
    const b = group('sg-b', [rule({ id: 'y', protocol: 'udp', portRange: { from: 53, to: 53 }, remoteGroupId: 'sg-db', remoteCidrs: members })]);
    const { ruleset, policy } = compileState(state([port(1, [a]), port(2, [b])]), taps(1, 2), OPTIONS);
    expect(ruleset.sets.get('members4_sg-db')).toEqual({ name: 'members4_sg-db', kind: 'set', spec: 'type ipv4_addr;', elements: ['10.0.0.1', '10.0.0.2'] });
    expect(ruleset.chains.get('group_in_sg-a')!.rules).toEqual(['ip saddr @members4_sg-db tcp dport 22 accept']);
    expect(ruleset.chains.get('group_in_sg-b')!.rules).toEqual(['ip saddr @members4_sg-db udp dport 53 accept']);
    expect(policy.members.get('members4_sg-db')).toEqual(new Set([0x0a000001n, 0x0a000002n]));
  });

  it('writes no rule for an empty remote list (it matches nothing), and an empty member set for a group without members', () => {
    const g = group('sg-e', [rule({ id: 'a', remoteCidrs: [] }), rule({ id: 'b', remoteGroupId: 'sg-empty', remoteCidrs: [] })]);
    const { ruleset } = compileState(state([port(1, [g])]), taps(1), OPTIONS);
    expect(ruleset.chains.get('group_in_sg-e')!.rules).toEqual(['ip saddr @members4_sg-empty tcp dport 22 accept']);
    expect(ruleset.sets.get('members4_sg-empty')!.elements).toEqual([]);
  });

  it('leaves out the ports without an interface', () => {
    const { ruleset, policy } = compileState(state([port(1, []), port(2, [])]), taps(2), OPTIONS);
    expect(policy.ports.map((p) => p.instanceId)).toEqual(['i-2']);
    expect(ruleset.chains.has('port_in_i-1')).toBe(false);
    expect(ruleset.sets.get('vm_sources4')!.elements).toEqual(['"tap2" . 10.0.0.2']);
  });

  it('maps the colon that ids may hold to a name nft takes', () => {
    const { ruleset } = compileState(state([{ ...port(1, [group('sg:a', [])]), instanceId: 'i:1' }]), new Map([['i:1', 'tap1']]), OPTIONS);
    expect([...ruleset.chains.keys()]).toEqual(expect.arrayContaining(['port_in_i/1', 'group_in_sg/a']));
  });

  it('refuses a state in which one group has two different rule sets, or a member that is not a host', () => {
    const one = group('sg-a', [rule({ id: 'x' })]);
    const other = group('sg-a', [rule({ id: 'x', portRange: { from: 23, to: 23 } })]);
    expect(() => compileState(state([port(1, [one]), port(2, [other])]), taps(1, 2), OPTIONS)).toThrow(new CompileError('group sg-a has different inbound rules on ports i-1 and i-2'));
    const net = group('sg-b', [rule({ id: 'y', remoteGroupId: 'sg-c', remoteCidrs: ['10.0.0.0/24'] })]);
    expect(() => compileState(state([port(1, [net])]), taps(1), OPTIONS)).toThrow(/member 10.0.0.0\/24 of group sg-c is not a host prefix/);
  });
});
