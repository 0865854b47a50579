import { ValidationFailed } from '@sg/domain';
import { samplePort, sampleState } from '../testing/states';
import { parseDesiredState, resolveRemoteGroups } from './parse-desired-state';

/** The issues a body gets, as `path: message` lines. */
function issuesOf(body: unknown): string[] {
  try {
    parseDesiredState(body);
  } catch (error) {
    if (error instanceof ValidationFailed) return error.issues.map((i) => `${i.path || '(body)'}: ${i.message}`);
    throw error;
  }
  return [];
}

/** The sample state with one change deep inside its first rule. */
function withRule(change: Record<string, unknown>): unknown {
  const state = sampleState();
  const port = state.ports[0];
  return { ...state, ports: [{ ...port, groups: [{ ...port.groups[0], rules: [{ ...port.groups[0].rules[0], ...change }] }] }] };
}

function withoutIpv6(): unknown {
  const { ipv6: _ipv6, ...port } = samplePort();
  return port;
}

const RULE = 'ports[0].groups[0].rules[0]';

describe('parseDesiredState', () => {
  it('reads the protocol example as it is', () => {
    expect(parseDesiredState(JSON.parse(JSON.stringify(sampleState())))).toEqual(sampleState());
  });

  it('reads a state without ports, and force as false when left out', () => {
    const { force: _force, ...body } = sampleState({ ports: [] });
    expect(parseDesiredState(body)).toEqual(sampleState({ ports: [], force: false }));
  });

  it('reads remote groups once per state, the rules naming them without addresses of their own', () => {
    const rules = [
      { id: 'r1', direction: 'inbound', protocol: 'tcp', portRange: { from: 5432, to: 5432 }, icmp: null, ipVersion: 'IPv4', remoteCidrs: [], remoteGroupId: 'sg-db' },
      { id: 'r2', direction: 'inbound', protocol: 'tcp', portRange: { from: 5432, to: 5432 }, icmp: null, ipVersion: 'IPv6', remoteCidrs: [], remoteGroupId: 'sg-db' },
    ];
    const port = samplePort();
    const body = { ...sampleState(), ports: [{ ...port, groups: [{ ...port.groups[0], rules }] }], remoteGroups: [{ groupId: 'sg-db', ipv4: ['10.0.3.7/32', '10.0.3.8/32'], ipv6: ['fd00::7/128'] }] };
    const state = parseDesiredState(JSON.parse(JSON.stringify(body)));
    expect(state).toEqual(body);
    // The drivers get each rule with its set's members of its version, one array shared by all.
    const resolved = resolveRemoteGroups(state).ports[0].groups[0].rules;
    expect(resolved.map((r) => r.remoteCidrs)).toEqual([['10.0.3.7/32', '10.0.3.8/32'], ['fd00::7/128']]);
    expect(resolved[0].remoteCidrs).toBe(state.remoteGroups![0].ipv4);
    expect(state.ports[0].groups[0].rules[0].remoteCidrs).toEqual([]);
  });

  it('refuses a remote group with bad members, a repeat, or a rule that carries addresses beside its listed group', () => {
    const port = samplePort();
    const rule = { id: 'r1', direction: 'inbound', protocol: 'tcp', portRange: null, icmp: null, ipVersion: 'IPv4', remoteCidrs: ['10.0.3.7/32'], remoteGroupId: 'sg-db' };
    expect(
      issuesOf({
        ...sampleState(),
        ports: [{ ...port, groups: [{ ...port.groups[0], rules: [rule] }] }],
        remoteGroups: [
          { groupId: 'sg-db', ipv4: ['10.0.3.0/24', 'fd00::1/128', '10.0.3.7/32', '10.0.3.7/32'], ipv6: [] },
          { groupId: 'sg-db', ipv4: [], ipv6: [], extra: 1 },
        ],
      }),
    ).toEqual([
      'remoteGroups[0].ipv4[0]: must be a host prefix (/32): the members of a remote group are addresses',
      'remoteGroups[0].ipv4[1]: is IPv6 in an IPv4 rule',
      'remoteGroups[0].ipv4[3]: repeats "10.0.3.7/32" (first at index 2)',
      'remoteGroups[1].extra: unknown field',
      'remoteGroups[1].groupId: repeats "sg-db" (first at index 0)',
      `${RULE}.remoteCidrs: must be empty: the members of sg-db are in remoteGroups`,
    ]);
  });

  it('reads every protocol and remote shape the worker sends', () => {
    const rules = [
      { id: 'r1', direction: 'outbound', protocol: 'all', portRange: null, icmp: null, ipVersion: 'IPv6', remoteCidrs: ['::/0'], remoteGroupId: null },
      { id: 'r2', direction: 'inbound', protocol: 'icmp', portRange: null, icmp: { type: 8, code: null }, ipVersion: 'IPv4', remoteCidrs: [], remoteGroupId: 'sg-2' },
      { id: 'r3', direction: 'inbound', protocol: 'udp', portRange: { from: 8000, to: 8080 }, icmp: null, ipVersion: 'IPv6', remoteCidrs: ['2001:db8::5/128'], remoteGroupId: 'sg-3' },
    ];
    const body = { ...sampleState(), ports: [{ ...samplePort(), ipv6: '2001:db8::1', groups: [{ groupId: 'sg-9', name: 'mixed', rules }] }] };
    expect(parseDesiredState(body).ports[0].groups[0].rules).toEqual(rules);
  });

  it.each([
    ['not an object', [], ['(body): must be a JSON object']],
    ['revision 0', { ...sampleState(), revision: 0 }, ['revision: must be a whole number ≥ 1']],
    ['a fractional revision', { ...sampleState(), revision: 1.5 }, ['revision: must be a whole number ≥ 1']],
    ['a revision as text', { ...sampleState(), revision: '3' }, ['revision: must be a whole number ≥ 1']],
    ['force as text', { ...sampleState(), force: 'yes' }, ['force: must be true or false']],
    ['a missing hypervisor', { revision: 1, ports: [] }, ['hypervisorId: is required (null where the protocol allows none)']],
    ['an unknown field', { ...sampleState(), delta: [] }, ['delta: unknown field']],
    ['ports as an object', { ...sampleState(), ports: {} }, ['ports: must be an array']],
    ['a port without ipv6', { ...sampleState(), ports: [withoutIpv6()] }, ['ports[0].ipv6: is required (null where the protocol allows none)']],
    ['an IPv6 address as ipv4', { ...sampleState(), ports: [{ ...samplePort(), ipv4: '2001:db8::1' }] }, ['ports[0].ipv4: must be an IPv4 address or null']],
    ['a non-canonical address', { ...sampleState(), ports: [{ ...samplePort(), ipv6: '2001:DB8::1' }] }, ['ports[0].ipv6: must be canonical: 2001:db8::1']],
    ['the same port twice', { ...sampleState(), ports: [samplePort(), samplePort()] }, ['ports[1].instanceId: repeats "i-0001" (first at index 0)']],
    ['an unknown rule field', withRule({ description: 'ssh' }), [`${RULE}.description: unknown field`]],
    ['an upper-case protocol', withRule({ protocol: 'TCP' }), [`${RULE}.protocol: protocol names are lower-case: write "tcp"`]],
    ['a bad direction', withRule({ direction: 'ingress' }), [`${RULE}.direction: must be one of inbound, outbound`]],
    ['a reversed port range', withRule({ portRange: { from: 80, to: 22 } }), [`${RULE}.portRange: starts at 80, after its end 22`]],
    ['port 0', withRule({ portRange: { from: 0, to: 22 } }), [`${RULE}.portRange: must be null or {"from", "to"} with ports 1–65535`]],
    ['ports on icmp', withRule({ protocol: 'icmp', portRange: { from: 1, to: 2 } }), [`${RULE}.portRange: must be null for icmp: only tcp, udp, dccp, sctp and udplite have ports`]],
    ['icmp on tcp', withRule({ icmp: { type: 8, code: 0 } }), [`${RULE}.icmp: must be null for tcp`]],
    ['icmpv6 over IPv4', withRule({ protocol: 'icmpv6', portRange: null }), [`${RULE}.ipVersion: must be IPv6 for icmpv6`]],
    ['a CIDR with host bits', withRule({ remoteCidrs: ['203.0.113.7/24'] }), [`${RULE}.remoteCidrs[0]: must be canonical: 203.0.113.0/24`]],
    ['a bare address', withRule({ remoteCidrs: ['203.0.113.7'] }), [`${RULE}.remoteCidrs[0]: must be canonical: 203.0.113.7/32`]],
    ['an IPv6 CIDR in an IPv4 rule', withRule({ remoteCidrs: ['2001:db8::/32'] }), [`${RULE}.remoteCidrs[0]: is IPv6 in an IPv4 rule`]],
    ['garbage as a CIDR', withRule({ remoteCidrs: ['10.0.0.0/33'] }), [`${RULE}.remoteCidrs[0]: "10.0.0.0/33" is not a valid CIDR: the prefix length must be a decimal number 0–32 without leading zeros`]],
    ['a network as a remote group member', withRule({ remoteGroupId: 'sg-2', remoteCidrs: ['10.0.0.0/24'] }), [`${RULE}.remoteCidrs[0]: must be a host prefix (/32): the members of a remote group are addresses`]],
    ['an id with spaces', withRule({ id: 'sgr 1' }), [`${RULE}.id: must be an id (letters, digits, . _ : -, at most 128 characters)`]],
  ])('refuses %s, naming the field', (_what, body, expected) => {
    expect(issuesOf(body)).toEqual(expected);
  });

  it('lists every bad field at once', () => {
    const body = { hypervisorId: '', revision: -1, ports: [{ ...samplePort(), vpcId: 7, groups: [{ groupId: 'sg-1', name: '', rules: 'none' }] }] };
    const paths = issuesOf(body).map((line) => line.split(':')[0]);
    expect(paths.sort()).toEqual(['hypervisorId', 'ports[0].groups[0].name', 'ports[0].groups[0].rules', 'ports[0].vpcId', 'revision']);
  });
});
