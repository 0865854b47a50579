import { Cidr } from '../net/cidr';
import { MAX_PORT, MIN_PORT } from '../net/port-range';
import { isIcmpProtocol, isProtocol, protocolHasPorts, protocolIpVersion } from '../net/protocol';
import type { RuleSpec } from './rule';

const MAX_DESCRIPTION = 255;

/**
 * What is wrong with a rule, whichever face built it, or null when it is a canonical rule: ports
 * only on tcp/udp (1–65535, from ≤ to, and all ports written as none), ICMP type and code only on
 * icmp/icmpv6 (0–255), an IP version that fits the protocol and the remote, at most one remote (a
 * CIDR with its host bits clear, or a group; none means every address), a description of at most 255 characters. Faces report
 * their own field errors first; this is the domain's guard that every face's rules mean the same.
 */
export function ruleSpecProblem(spec: RuleSpec): string | null {
  if (spec.direction !== 'inbound' && spec.direction !== 'outbound') return 'direction must be inbound or outbound';
  if (!isProtocol(spec.protocol)) return 'protocol must be all, an IP protocol name in lower case, or a number 0–255';
  if (spec.ipVersion !== 'IPv4' && spec.ipVersion !== 'IPv6') return 'ipVersion must be IPv4 or IPv6';
  const required = protocolIpVersion(spec.protocol);
  if (required && required !== spec.ipVersion) return `${spec.protocol} runs over ${required} only`;
  if (spec.portRange !== null) {
    if (!protocolHasPorts(spec.protocol)) return `ports apply to tcp, udp, dccp, sctp and udplite only, not ${spec.protocol}`;
    const { from, to } = spec.portRange;
    if (![from, to].every((p) => Number.isInteger(p) && p >= MIN_PORT && p <= MAX_PORT) || from > to) return `ports must be a range within ${MIN_PORT}–${MAX_PORT}`;
    if (from === MIN_PORT && to === MAX_PORT) return 'all ports are written as no port range';
  }
  if (spec.icmp !== null) {
    if (!isIcmpProtocol(spec.protocol)) return `an ICMP type applies to icmp and icmpv6 only, not ${spec.protocol}`;
    if (!isByte(spec.icmp.type) || (spec.icmp.code !== null && !isByte(spec.icmp.code))) return 'ICMP type and code must be 0–255';
  }
  if (spec.remote !== null && spec.remoteGroupId !== null) return 'a rule has at most one remote: a CIDR or a group';
  if (spec.remote !== null) {
    let parsed: ReturnType<typeof Cidr.parse>;
    try {
      parsed = Cidr.parse(spec.remote);
    } catch {
      return `${spec.remote} is not a CIDR`;
    }
    if (parsed.hostBitsCleared || parsed.cidr.toString() !== spec.remote) return `${spec.remote} is not written canonically (${parsed.cidr})`;
    if (parsed.cidr.version !== spec.ipVersion) return `${spec.remote} is ${parsed.cidr.version} but the rule is ${spec.ipVersion}`;
  }
  if (typeof spec.description !== 'string' || [...spec.description].length > MAX_DESCRIPTION) return `a description has at most ${MAX_DESCRIPTION} characters`;
  return null;
}

function isByte(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= 255;
}
