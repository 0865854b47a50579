import { Cidr, parseAddress } from '../net/cidr';
import { parseProtocol } from '../net/protocol';
import { Direction, ProtocolName } from '../rule/rule';
import { InvalidValue, Issues } from '../shared/domain-error';
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
  if (rule.protocol !== 'all' && rule.protocol !== flow.protocol) return false;
  if (rule.portRange && flow.port !== null && (flow.port < rule.portRange.from || flow.port > rule.portRange.to)) return false;
  // A flow without an ICMP type is only surely allowed by a rule that covers every type.
  if (rule.icmp && (!flow.icmp || rule.icmp.type !== flow.icmp.type || (rule.icmp.code !== null && rule.icmp.code !== flow.icmp.code))) return false;
  return rule.remoteCidrs.some((c) => Cidr.parse(c).cidr.contains(flow.remote));
}

const FLOW_FIELDS = new Set(['direction', 'protocol', 'port', 'icmp', 'remote']);

/** Reads the flow-check request body; every bad field is reported. */
export function parseFlow(input: unknown, issues: Issues): Flow | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.add('', 'the body must be a JSON object');
    return undefined;
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) if (!FLOW_FIELDS.has(key)) issues.add(key, 'unknown field');
  const direction = body.direction === 'inbound' || body.direction === 'outbound' ? body.direction : undefined;
  if (!direction) issues.add('direction', 'must be "inbound" or "outbound"');
  const protocol = issues.capture('protocol', () => {
    const p = parseProtocol(body.protocol);
    if (p === 'all') throw new InvalidValue('a connection has one protocol: tcp, udp, icmp or icmpv6');
    return p;
  });
  let port: number | null = null;
  if (protocol === 'tcp' || protocol === 'udp') {
    if (typeof body.port !== 'number' || !Number.isInteger(body.port) || body.port < 1 || body.port > 65535) issues.add('port', 'must be an integer 1–65535 for tcp and udp');
    else port = body.port;
  } else if (body.port !== undefined) {
    issues.add('port', `not used with ${String(protocol ?? 'this protocol')}`);
  }
  let icmp: Flow['icmp'] = null;
  if (body.icmp !== undefined) {
    if (protocol !== 'icmp' && protocol !== 'icmpv6') issues.add('icmp', 'only for icmp and icmpv6');
    const i = body.icmp as Record<string, unknown> | null;
    const ok = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255;
    if (!i || typeof i !== 'object' || !ok(i.type) || !(i.code === undefined || ok(i.code))) issues.add('icmp', 'must be {"type": 0–255, "code": 0–255}');
    else icmp = { type: i.type as number, code: (i.code as number | undefined) ?? 0 };
  }
  const remote = issues.capture('remote', () => {
    if (typeof body.remote !== 'string') throw new InvalidValue('must be an IP address');
    return parseAddress(body.remote);
  });
  if (remote && protocol === 'icmp' && remote.version !== 'IPv4') issues.add('remote', 'icmp is IPv4; use icmpv6 for IPv6');
  if (remote && protocol === 'icmpv6' && remote.version !== 'IPv6') issues.add('remote', 'icmpv6 is IPv6; use icmp for IPv4');
  if (!issues.empty || !direction || !protocol || !remote) return undefined;
  return { direction, protocol, port, icmp, remote: remote.address };
}
