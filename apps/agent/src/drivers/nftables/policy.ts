import type { StateRule } from '@sg/protocol';
import type { Interval } from './intervals';

/**
 * What the compiled ruleset allows, in a form code can evaluate: the same matchers the chains are
 * rendered from. The driver uses it to find the tracked connections a new ruleset no longer
 * allows (conntrack.ts), and to tell whether a change can have taken any allowance away at all.
 */
export interface Policy {
  /** The ports enforced: listed in the state, and with an interface found. */
  ports: PortPolicy[];
  /** The members of each remote group's set, by set name. */
  members: Map<string, Set<bigint>>;
}

export interface PortPolicy {
  instanceId: string;
  ifname: string;
  ipv4: string | null;
  ipv6: string | null;
  /** The union of the port's groups' rules, one matcher per rendered rule. */
  inbound: Matcher[];
  outbound: Matcher[];
}

export interface Matcher {
  version: StateRule['ipVersion'];
  protocol: StateRule['protocol'];
  ports: StateRule['portRange'];
  icmp: StateRule['icmp'];
  /** The addresses at the other end: merged intervals (everything for 0.0.0.0/0), or a remote group's set. */
  remote: { kind: 'cidrs'; intervals: Interval[] } | { kind: 'members'; set: string };
}

/** What a matcher matches apart from its remote: rules that agree on it share one set lookup. */
export function signatureOf(m: Pick<Matcher, 'version' | 'protocol' | 'ports' | 'icmp'>): string {
  const ports = m.ports ? `${m.ports.from}-${m.ports.to}` : '*';
  const icmp = m.icmp ? `${m.icmp.type}/${m.icmp.code ?? '*'}` : '*';
  return `${m.version}|${m.protocol}|${ports}|${icmp}`;
}
