import { Cidr, IpVersion } from '@sg/domain';
import type { DesiredState, StateGroup, StatePort, StateRule } from '@sg/protocol';
import { formatInterval, isEverything, mergeCidrs } from './intervals';
import { names } from './names';
import { Matcher, Policy, PortPolicy, signatureOf } from './policy';
import type { NftChain, NftSet, Ruleset } from './ruleset';

export interface CompileOptions {
  /** The agent's own table in the `inet` family. */
  table: string;
  /** VM ports are the interfaces named with it (`tap` → `tap*`); one that carries no listed port is dropped. */
  interfacePrefix: string;
}

export interface Compiled {
  ruleset: Ruleset;
  policy: Policy;
}

/** A state that cannot be enforced as sent (a worker bug): the whole apply fails with this message. */
export class CompileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompileError';
  }
}

/** The instance metadata service every cloud VM reaches without a rule. */
export const METADATA = { address: '169.254.169.254', port: 80 };
const LINK_LOCAL6 = 'fe80::/10';
const HOOK_FORWARD_FROM_VM = 'type filter hook forward priority -1; policy accept;';
const HOOK_FORWARD_TO_VM = 'type filter hook forward priority 0; policy accept;';
const HOOK_INPUT = 'type filter hook input priority 0; policy accept;';
type Way = 'in' | 'out';

/**
 * The whole ruleset for a desired state, as data (pure: the driver applies it, tests read it).
 *
 * Layout, in the table `inet <table>`:
 * - base chains on the forward hook look the packet's interfaces up in two verdict maps, from_port
 *   (the VM's outbound traffic, at priority -1) and to_port (its inbound traffic, at priority 0):
 *   VM-to-VM traffic passes both. Each maps a port's interface to that port's chain; an interface
 *   of the VM prefix that is in neither map (a port not listed) is dropped.
 * - a port's chain: anti-spoofing (outbound), replies and related ICMP errors accepted, `invalid`
 *   dropped, then a jump to the chain of each of its groups, then drop. Accepting in a group chain
 *   ends that base chain, so the port's rules are the union of its groups' rules.
 * - one chain per security group and direction (group_in_…, group_out_…), shared by every port the
 *   group applies to: changing a group rewrites that chain only. Rules that differ only in their
 *   remote CIDR share one rule with an interval set; a remote group is a named set (members4_…,
 *   members6_…) shared by every rule that names it, so a membership change is an element update.
 * - traffic from a VM to the hypervisor itself (input hook) is platform traffic only: DHCP,
 *   DHCPv6, neighbour discovery and router solicitation, the metadata service.
 *
 * Ports without an entry in `interfaces` are left out (the caller reports them).
 */
export function compileState(state: DesiredState, interfaces: ReadonlyMap<string, string>, options: CompileOptions): Compiled {
  const sets = new Map<string, NftSet>();
  const chains = new Map<string, NftChain>();
  const members = new Map<string, { addresses: Set<bigint>; text: string[]; from: string }>();
  const groupChains = new Map<string, { rules: string[]; from: string }>();
  const ports: PortPolicy[] = [];

  for (const port of state.ports) {
    const ifname = interfaces.get(port.instanceId);
    if (ifname === undefined) continue;
    const policy: PortPolicy = { instanceId: port.instanceId, ifname, ipv4: port.ipv4, ipv6: port.ipv6, inbound: [], outbound: [] };
    for (const group of port.groups) {
      collectMembers(group, port, members);
      for (const way of ['in', 'out'] as const) {
        const matchers = groupMatchers(group.rules, way);
        (way === 'in' ? policy.inbound : policy.outbound).push(...matchers);
        const name = names.groupChain(group.groupId, way);
        const rules = matchers.map((m) => renderMatcher(m, way));
        const seen = groupChains.get(name);
        if (seen && !sameList(seen.rules, rules)) {
          throw new CompileError(`group ${group.groupId} has different ${way === 'in' ? 'inbound' : 'outbound'} rules on ports ${seen.from} and ${port.instanceId}`);
        }
        if (!seen) groupChains.set(name, { rules, from: port.instanceId });
      }
    }
    chains.set(names.portChain(port.instanceId, 'out'), { name: names.portChain(port.instanceId, 'out'), hook: null, rules: portOutRules(port) });
    chains.set(names.portChain(port.instanceId, 'in'), { name: names.portChain(port.instanceId, 'in'), hook: null, rules: portInRules(port) });
    ports.push(policy);
  }
  for (const [name, { rules }] of groupChains) chains.set(name, { name, hook: null, rules });
  for (const chain of baseChains(options.interfacePrefix)) chains.set(chain.name, chain);

  const addSet = (set: NftSet) => sets.set(set.name, { ...set, elements: [...set.elements].sort() });
  addSet({ name: names.portSet, kind: 'set', spec: 'type ifname;', elements: ports.map((p) => quote(p.ifname)) });
  addSet({ name: names.sources4, kind: 'set', spec: 'type ifname . ipv4_addr;', elements: ports.filter((p) => p.ipv4).map((p) => `${quote(p.ifname)} . ${p.ipv4}`) });
  addSet({ name: names.sources6, kind: 'set', spec: 'type ifname . ipv6_addr;', elements: ports.filter((p) => p.ipv6).map((p) => `${quote(p.ifname)} . ${p.ipv6}`) });
  addSet({ name: names.egressMap, kind: 'map', spec: 'type ifname : verdict;', elements: ports.map((p) => `${quote(p.ifname)} : jump ${names.portChain(p.instanceId, 'out')}`) });
  addSet({ name: names.ingressMap, kind: 'map', spec: 'type ifname : verdict;', elements: ports.map((p) => `${quote(p.ifname)} : jump ${names.portChain(p.instanceId, 'in')}`) });
  for (const [name, set] of members) {
    addSet({ name, kind: 'set', spec: name.startsWith('members4_') ? 'type ipv4_addr;' : 'type ipv6_addr;', elements: set.text });
  }

  return {
    ruleset: { family: 'inet', table: options.table, sets, chains },
    policy: { ports, members: new Map([...members].map(([name, set]) => [name, set.addresses])) },
  };
}

/** A remote group's members, the same for every rule that names it (one set for all of them). */
function collectMembers(group: StateGroup, port: StatePort, members: Map<string, { addresses: Set<bigint>; text: string[]; from: string }>): void {
  for (const rule of group.rules) {
    if (rule.remoteGroupId === null) continue;
    const name = names.memberSet(rule.remoteGroupId, rule.ipVersion);
    const addresses = new Set<bigint>();
    const text: string[] = [];
    for (const member of rule.remoteCidrs) {
      const { cidr } = Cidr.parse(member);
      if (cidr.prefixLength !== cidr.bits) throw new CompileError(`rule ${rule.id} of group ${group.groupId}: member ${member} of group ${rule.remoteGroupId} is not a host prefix`);
      if (!addresses.has(cidr.networkAddress)) text.push(cidr.address);
      addresses.add(cidr.networkAddress);
    }
    const seen = members.get(name);
    if (seen && !sameList([...seen.text].sort(), [...text].sort())) {
      throw new CompileError(`the members of group ${rule.remoteGroupId} differ between rules (port ${seen.from} and port ${port.instanceId}, rule ${rule.id})`);
    }
    if (!seen) members.set(name, { addresses, text, from: port.instanceId });
  }
}

/** One matcher per signature for CIDR remotes (their lists merged), one per signature and remote group. */
function groupMatchers(rules: readonly StateRule[], way: Way): Matcher[] {
  const direction = way === 'in' ? 'inbound' : 'outbound';
  const cidrs = new Map<string, { rule: StateRule; cidrs: string[] }>();
  const byGroup = new Map<string, Matcher>();
  for (const rule of rules) {
    if (rule.direction !== direction) continue;
    const base = { version: rule.ipVersion, protocol: rule.protocol, ports: rule.portRange, icmp: rule.icmp };
    const signature = signatureOf(base);
    if (rule.remoteGroupId !== null) {
      const set = names.memberSet(rule.remoteGroupId, rule.ipVersion);
      byGroup.set(`${signature}|@${set}`, { ...base, remote: { kind: 'members', set } });
    } else {
      const entry = cidrs.get(signature) ?? { rule, cidrs: [] };
      entry.cidrs.push(...rule.remoteCidrs);
      cidrs.set(signature, entry);
    }
  }
  const keyed: [string, Matcher][] = [...byGroup];
  for (const [signature, { rule, cidrs: list }] of cidrs) {
    const intervals = mergeCidrs(list);
    // A list without entries matches nothing: no rule at all.
    if (intervals.length > 0) keyed.push([signature, { version: rule.ipVersion, protocol: rule.protocol, ports: rule.portRange, icmp: rule.icmp, remote: { kind: 'cidrs', intervals } }]);
  }
  return keyed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, m]) => m);
}

function renderMatcher(m: Matcher, way: Way): string {
  const family = m.version === 'IPv4' ? 'ip' : 'ip6';
  const field = way === 'in' ? 'saddr' : 'daddr';
  const parts: string[] = [];
  if (m.remote.kind === 'members') parts.push(`${family} ${field} @${m.remote.set}`);
  else if (!isEverything(m.version, m.remote.intervals)) parts.push(`${family} ${field} ${literal(m.remote.intervals.map((i) => formatInterval(m.version, i)))}`);
  else parts.push(`meta nfproto ${nfproto(m.version)}`);
  parts.push(...protocolMatch(m));
  parts.push('accept');
  return parts.join(' ');
}

function protocolMatch(m: Matcher): string[] {
  switch (m.protocol) {
    case 'tcp':
    case 'udp':
      if (!m.ports) return [`meta l4proto ${m.protocol}`];
      return [`${m.protocol} dport ${m.ports.from === m.ports.to ? m.ports.from : `${m.ports.from}-${m.ports.to}`}`];
    case 'icmp':
    case 'icmpv6': {
      if (!m.icmp) return [`meta l4proto ${m.protocol === 'icmp' ? 'icmp' : 'ipv6-icmp'}`];
      const type = [`${m.protocol} type ${m.icmp.type}`];
      return m.icmp.code === null ? type : [...type, `${m.protocol} code ${m.icmp.code}`];
    }
    case 'all':
      return [];
    default: {
      // Any other IP protocol, by its number (dccp, sctp and udplite with their ports).
      const proto = [`meta l4proto ${Number(m.protocol)}`];
      if (!m.ports) return proto;
      return [...proto, `th dport ${m.ports.from === m.ports.to ? m.ports.from : `${m.ports.from}-${m.ports.to}`}`];
    }
  }
}

/** The VM may send only from its own addresses (and IPv6 link-local); then its outbound rules. */
function portOutRules(port: StatePort): string[] {
  return [
    port.ipv4 ? `ip saddr != ${port.ipv4} drop` : 'meta nfproto ipv4 drop',
    port.ipv6 ? `ip6 saddr != { ${port.ipv6}, ${LINK_LOCAL6} } drop` : `ip6 saddr != ${LINK_LOCAL6} drop`,
    ...STATEFUL,
    `ip daddr ${METADATA.address} tcp dport ${METADATA.port} accept`,
    ...port.groups.map((g) => `jump ${names.groupChain(g.groupId, 'out')}`),
    'drop',
  ];
}

function portInRules(port: StatePort): string[] {
  return [...STATEFUL, ...port.groups.map((g) => `jump ${names.groupChain(g.groupId, 'in')}`), 'drop'];
}

/** Replies to allowed connections and their ICMP errors pass with no rule; only new connections meet the rules. */
const STATEFUL = ['ct state established,related accept', 'ct state invalid drop'];

function baseChains(prefix: string): NftChain[] {
  const vmInterfaces = quote(`${prefix}*`);
  return [
    { name: names.forwardOut, hook: HOOK_FORWARD_FROM_VM, rules: [`iifname vmap @${names.egressMap}`, `iifname ${vmInterfaces} drop`] },
    { name: names.forwardIn, hook: HOOK_FORWARD_TO_VM, rules: [`oifname vmap @${names.ingressMap}`, `oifname ${vmInterfaces} drop`] },
    { name: names.input, hook: HOOK_INPUT, rules: [`iifname ${vmInterfaces} jump ${names.vmToHost}`] },
    {
      name: names.vmToHost,
      hook: null,
      rules: [
        `iifname != @${names.portSet} drop`,
        // Platform traffic first: DHCP discovers from 0.0.0.0, duplicate address detection from ::.
        'udp sport 68 udp dport 67 accept',
        `ip6 saddr ${LINK_LOCAL6} udp sport 546 udp dport 547 accept`,
        'icmpv6 type { nd-router-solicit, nd-neighbor-solicit, nd-neighbor-advert, mld2-listener-report } accept',
        `meta nfproto ipv4 iifname . ip saddr != @${names.sources4} drop`,
        `ip6 saddr != ${LINK_LOCAL6} iifname . ip6 saddr != @${names.sources6} drop`,
        ...STATEFUL,
        `ip daddr ${METADATA.address} tcp dport ${METADATA.port} accept`,
        'drop',
      ],
    },
  ];
}

function nfproto(version: IpVersion): string {
  return version === 'IPv4' ? 'ipv4' : 'ipv6';
}

function literal(elements: string[]): string {
  return elements.length === 1 ? elements[0] : `{ ${elements.join(', ')} }`;
}

function quote(ifname: string): string {
  return `"${ifname}"`;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
