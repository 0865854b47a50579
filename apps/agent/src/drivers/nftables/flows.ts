import { parseAddress } from '@sg/domain';
import { containsAddress, coveredBy } from './intervals';
import { METADATA } from './compile';
import { Matcher, Policy, PortPolicy, signatureOf } from './policy';

/** A tracked connection, in the direction it was opened (conntrack's "original" tuple). */
export interface Flow {
  family: 'ipv4' | 'ipv6';
  /** conntrack's name (tcp, udp, icmp, icmpv6, …) and number. */
  protocol: string;
  protocolNumber: number;
  src: string;
  dst: string;
  sport?: number;
  dport?: number;
  type?: number;
  code?: number;
  id?: number;
}

/**
 * Reads `conntrack -L -o extended`: `ipv4 2 tcp 6 431999 ESTABLISHED src=… dst=… sport=… dport=…
 * src=… (reply) …`. The first occurrence of each key is the original direction. Lines it cannot
 * read (conntrack's summary goes to stderr anyway) are skipped.
 */
export function parseConntrack(output: string): Flow[] {
  const flows: Flow[] = [];
  for (const line of output.split('\n')) {
    const tokens = line.trim().split(/\s+/);
    if (tokens.length < 6 || (tokens[0] !== 'ipv4' && tokens[0] !== 'ipv6')) continue;
    const fields = new Map<string, string>();
    for (const token of tokens) {
      const eq = token.indexOf('=');
      if (eq > 0 && !fields.has(token.slice(0, eq))) fields.set(token.slice(0, eq), token.slice(eq + 1));
    }
    const src = fields.get('src');
    const dst = fields.get('dst');
    const protocolNumber = Number(tokens[3]);
    if (!src || !dst || !Number.isInteger(protocolNumber)) continue;
    const num = (key: string) => (fields.has(key) ? Number(fields.get(key)) : undefined);
    flows.push({ family: tokens[0], protocol: tokens[2], protocolNumber, src, dst, sport: num('sport'), dport: num('dport'), type: num('type'), code: num('code'), id: num('id') });
  }
  return flows;
}

/** The arguments of `conntrack -D` that delete exactly this entry. */
export function deleteArguments(flow: Flow): string[] {
  const args = ['-D', '-f', flow.family, '-p', String(flow.protocolNumber), '-s', flow.src, '-d', flow.dst];
  if (flow.sport !== undefined && flow.dport !== undefined) args.push('--sport', String(flow.sport), '--dport', String(flow.dport));
  if (flow.protocol === 'icmp' || flow.protocol === 'icmpv6') {
    const p = flow.protocol;
    if (flow.type !== undefined) args.push(`--${p}-type`, String(flow.type));
    if (flow.code !== undefined) args.push(`--${p}-code`, String(flow.code));
    if (flow.id !== undefined) args.push(`--${p}-id`, String(flow.id));
  }
  return args;
}

/**
 * The flows `policy` no longer allows: opened by an enforced port without an outbound rule for
 * them, or towards one without an inbound rule; and flows of addresses whose port is gone
 * (`retired`). Flows with an end on the hypervisor itself (`local`) are the host's own business,
 * and flows of addresses the agent does not enforce are left alone.
 */
export function disallowedFlows(flows: readonly Flow[], policy: Policy, options: { local: ReadonlySet<string>; retired: ReadonlySet<string> }): Flow[] {
  const byAddress = new Map<string, PortPolicy>();
  for (const port of policy.ports) {
    if (port.ipv4) byAddress.set(port.ipv4, port);
    if (port.ipv6) byAddress.set(port.ipv6, port);
  }
  return flows.filter((flow) => {
    if (options.local.has(flow.src) || options.local.has(flow.dst)) return false;
    const from = byAddress.get(flow.src);
    const to = byAddress.get(flow.dst);
    if (!from && !to) return options.retired.has(flow.src) || options.retired.has(flow.dst);
    if (from && !isPlatform(flow) && !from.outbound.some((m) => matches(m, flow, flow.dst, policy))) return true;
    if (to && !to.inbound.some((m) => matches(m, flow, flow.src, policy))) return true;
    return false;
  });
}

function isPlatform(flow: Flow): boolean {
  return flow.dst === METADATA.address && flow.protocol === 'tcp' && flow.dport === METADATA.port;
}

function matches(m: Matcher, flow: Flow, remote: string, policy: Policy): boolean {
  if ((m.version === 'IPv4') !== (flow.family === 'ipv4')) return false;
  if (!protocolMatches(m, flow)) return false;
  const address = valueOf(remote);
  if (address === undefined) return false;
  if (m.remote.kind === 'members') return policy.members.get(m.remote.set)?.has(address) ?? false;
  return containsAddress(m.remote.intervals, address);
}

function protocolMatches(m: Matcher, flow: Flow): boolean {
  switch (m.protocol) {
    case 'all':
      return true;
    case 'tcp':
    case 'udp':
      return flow.protocol === m.protocol && (m.ports === null || (flow.dport !== undefined && flow.dport >= m.ports.from && flow.dport <= m.ports.to));
    case 'icmp':
    case 'icmpv6':
      return flow.protocol === m.protocol && (m.icmp === null || (flow.type === m.icmp.type && (m.icmp.code === null || flow.code === m.icmp.code)));
    default:
      return flow.protocolNumber === Number(m.protocol) && (m.ports === null || (flow.dport !== undefined && flow.dport >= m.ports.from && flow.dport <= m.ports.to));
  }
}

function valueOf(address: string): bigint | undefined {
  try {
    return parseAddress(address).value;
  } catch {
    return undefined;
  }
}

/**
 * Whether going from `previous` to `next` can have taken an allowance away: a port gone or
 * readdressed, a matcher not covered by one of the next ones, a member removed from a set. When
 * not, no connection can have lost its rule and conntrack is not even read. Conservative: a loss it
 * reports may be covered after all (say, by two rules together); the flows are then checked one by one.
 */
export function losesAllowances(previous: Policy | null, next: Policy): boolean {
  if (previous === null) return true;
  const nextPorts = new Map(next.ports.map((p) => [p.instanceId, p]));
  for (const before of previous.ports) {
    const after = nextPorts.get(before.instanceId);
    if (!after || after.ipv4 !== before.ipv4 || after.ipv6 !== before.ipv6) return true;
    if (!before.inbound.every((m) => after.inbound.some((n) => covers(n, m)))) return true;
    if (!before.outbound.every((m) => after.outbound.some((n) => covers(n, m)))) return true;
  }
  for (const [name, members] of previous.members) {
    const now = next.members.get(name);
    if (!now) continue; // no rule names the group any more: the matchers above said so
    for (const member of members) if (!now.has(member)) return true;
  }
  return false;
}

function covers(n: Matcher, m: Matcher): boolean {
  if (signatureOf(n) !== signatureOf(m)) return false;
  if (m.remote.kind === 'members') return n.remote.kind === 'members' && n.remote.set === m.remote.set;
  return n.remote.kind === 'cidrs' && coveredBy(m.remote.intervals, n.remote.intervals);
}
