import { protocolNumber } from '../net/protocol';

/**
 * A security-group rule as the domain keeps it: always normalised (canonical CIDR, explicit IP
 * version), always ALLOW. Rules are allow-only, so a set of rules is a union and order never matters.
 */
export type Direction = 'inbound' | 'outbound';
/**
 * tcp, udp, icmp, icmpv6, all, or any other IP protocol by name or number (see net/protocol.ts:
 * isProtocol); kept as given, compared by number.
 */
export type ProtocolName = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | (string & {});
export type IpVersion = 'IPv4' | 'IPv6';
export type PresetName = 'SSH' | 'RDP' | 'MySQL' | 'HTTP' | 'HTTPS';
export type RuleType = PresetName | 'Custom' | 'All traffic';

export interface PortSpan {
  from: number;
  to: number;
}

export interface IcmpMatch {
  type: number;
  /** null: every code of the type. */
  code: number | null;
}

/** What a rule matches, without its identity. Two specs that are equal are duplicates. */
export interface RuleSpec {
  direction: Direction;
  protocol: ProtocolName;
  /** tcp/udp only; null means all ports (1–65535) or, for other protocols, not applicable. */
  portRange: PortSpan | null;
  /** icmp/icmpv6 only; null means every ICMP type. */
  icmp: IcmpMatch | null;
  ipVersion: IpVersion;
  /**
   * Canonical CIDR (`203.0.113.7/32`, `2001:db8::/32`), or null when the remote is a group or when
   * the rule names no remote at all (every address of its IP version, as Neutron keeps it).
   */
  remote: string | null;
  /** A security group of the same VPC whose members' addresses are the remote. */
  remoteGroupId: string | null;
  description: string;
}

export interface Rule extends RuleSpec {
  id: string;
}

/**
 * A rule a command brings, with the place in the face's request it came from (`rules[3]`): errors
 * about it (a duplicate, an unknown remote group) point there. Its spec is canonical: each face's
 * parser builds it, and the domain checks it again (ruleSpecProblem).
 */
export interface NormalizedRule {
  spec: RuleSpec;
  sourcePath: string;
}

export const PRESET_PORTS: Readonly<Record<PresetName, number>> = {
  SSH: 22,
  RDP: 3389,
  MySQL: 3306,
  HTTP: 80,
  HTTPS: 443,
};

export const PRESET_NAMES = Object.keys(PRESET_PORTS) as PresetName[];

/** The key that duplicate detection compares: everything but id and description. */
export function ruleKey(rule: RuleSpec): string {
  const ports = rule.portRange ? `${rule.portRange.from}-${rule.portRange.to}` : '*';
  const icmp = rule.icmp ? `${rule.icmp.type}/${rule.icmp.code ?? '*'}` : '*';
  const remote = rule.remoteGroupId ? `group:${rule.remoteGroupId}` : `cidr:${remoteCidr(rule)}`;
  return [rule.direction, protocolNumber(rule.protocol) ?? 'all', ports, icmp, rule.ipVersion, remote].join('|');
}

/** The CIDR a rule without a remote group matches: its own, or every address of its IP version. */
export function remoteCidr(rule: Pick<RuleSpec, 'remote' | 'ipVersion'>): string {
  return rule.remote ?? (rule.ipVersion === 'IPv6' ? '::/0' : '0.0.0.0/0');
}

/** The console's "Type" column: the preset that protocol and port match, else Custom / All traffic. */
export function ruleType(rule: Pick<RuleSpec, 'protocol' | 'portRange'>): RuleType {
  if (rule.protocol === 'all') return 'All traffic';
  if (rule.protocol === 'tcp' && rule.portRange && rule.portRange.from === rule.portRange.to) {
    const preset = PRESET_NAMES.find((p) => PRESET_PORTS[p] === rule.portRange!.from);
    if (preset) return preset;
  }
  return 'Custom';
}
