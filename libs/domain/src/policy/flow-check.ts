import { Cidr, parseAddress } from '../net/cidr';
import { protocolNumber } from '../net/protocol';
import { Direction, ProtocolName } from '../rule/rule';
import { EffectiveRule } from './effective-rules';

/** A new connection to or from an instance: would the instance's rules let it start? */
export interface Flow {
  direction: Direction;
  /** A concrete protocol: a connection is never "all". */
  protocol: Exclude<ProtocolName, 'all'>;
  /** tcp/udp: the instance's port for inbound, the remote's port for outbound. */
  port: number | null;
  icmp: { type: number; code: number } | null;
  /** The other end's address: the source of inbound traffic, the destination of outbound. */
  remote: string;
}

export interface FlowVerdict {
  allowed: boolean;
  matchedRules: EffectiveRule[];
}

/**
 * Rules are allow-only and the firewall is default-deny, so a flow is allowed exactly when at
 * least one rule matches it; every matching rule is reported so a person sees why.
 */
export function checkFlow(rules: readonly EffectiveRule[], flow: Flow): FlowVerdict {
  const remote = parseAddress(flow.remote);
  const matchedRules = rules.filter((r) => matches(r, flow, remote.version));
  return { allowed: matchedRules.length > 0, matchedRules };
}

function matches(rule: EffectiveRule, flow: Flow, version: 'IPv4' | 'IPv6'): boolean {
  if (rule.direction !== flow.direction || rule.ipVersion !== version) return false;
  if (rule.protocol !== 'all' && protocolNumber(rule.protocol) !== protocolNumber(flow.protocol)) return false;
  if (rule.portRange && flow.port !== null && (flow.port < rule.portRange.from || flow.port > rule.portRange.to)) return false;
  // A flow without an ICMP type is only surely allowed by a rule that covers every type.
  if (rule.icmp && (!flow.icmp || rule.icmp.type !== flow.icmp.type || (rule.icmp.code !== null && rule.icmp.code !== flow.icmp.code))) return false;
  return rule.remoteCidrs.some((c) => Cidr.parse(c).cidr.contains(flow.remote));
}
