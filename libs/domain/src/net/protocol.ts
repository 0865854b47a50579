import { InvalidValue } from '../shared/domain-error';
import type { IpVersion, ProtocolName } from '../rule/rule';

export type { ProtocolName };

/** The protocols every face names and the agent matches by name. */
export const PROTOCOL_NAMES: readonly ProtocolName[] = ['tcp', 'udp', 'icmp', 'icmpv6', 'all'];

/**
 * Any IP protocol can be matched: by one of these names (IANA's keywords, as Neutron accepts them)
 * or by its number 0–255. A rule keeps the spelling it was given (a name in lower case, a number as
 * its decimal text), so a face answers with what it was sent; what a rule matches, and whether two
 * rules are the same, goes by the number.
 */
export const IP_PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  hopopt: 0,
  ip: 0,
  icmp: 1,
  igmp: 2,
  ipip: 4,
  tcp: 6,
  egp: 8,
  udp: 17,
  dccp: 33,
  'ipv6-encap': 41,
  'ipv6-route': 43,
  'ipv6-frag': 44,
  gre: 47,
  esp: 50,
  ah: 51,
  icmpv6: 58,
  'ipv6-icmp': 58,
  'ipv6-nonxt': 59,
  'ipv6-opts': 60,
  ospf: 89,
  pgm: 113,
  rsvp: 46,
  vrrp: 112,
  sctp: 132,
  udplite: 136,
};

/** Protocols with ports (tcp, udp, dccp, sctp, udplite). */
const PORT_PROTOCOLS = new Set([6, 17, 33, 132, 136]);
/** Protocols that only exist over IPv6 (ICMPv6 and the IPv6 extension headers, IPv6 in IPv4 aside). */
const IPV6_ONLY = new Set([41, 43, 44, 58, 59, 60]);
const NAME_OF_NUMBER: Readonly<Record<number, ProtocolName>> = { 6: 'tcp', 17: 'udp', 1: 'icmp', 58: 'icmpv6' };

/**
 * A protocol as a rule keeps it: one of the names above (lower case) or a number 0–255 as decimal
 * text. Returns null for anything else. `all` (every protocol) is a name of its own.
 */
export function isProtocol(p: unknown): boolean {
  if (typeof p !== 'string') return false;
  if (p === 'all' || Object.hasOwn(IP_PROTOCOL_NUMBERS, p)) return true;
  return /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255;
}

/** The IP protocol number a rule matches, or null for `all`. */
export function protocolNumber(p: ProtocolName): number | null {
  if (p === 'all') return null;
  if (Object.hasOwn(IP_PROTOCOL_NUMBERS, p)) return IP_PROTOCOL_NUMBERS[p];
  return Number(p);
}

/**
 * /v1's protocol: one of tcp, udp, icmp, icmpv6, all (lower case; a wrong case gets a hint, not a
 * guess, so request replays and idempotency keys stay comparable), another protocol's name, or a
 * number 0–255 (a JSON integer or its decimal text). The numbers of tcp, udp, icmp and icmpv6
 * become those names.
 */
export function parseProtocol(input: unknown): ProtocolName {
  if (typeof input === 'number' || (typeof input === 'string' && /^[0-9]{1,3}$/.test(input))) {
    const n = Number(input);
    if (!Number.isInteger(n) || n < 0 || n > 255 || (typeof input === 'string' && !isProtocol(input))) {
      throw new InvalidValue('a protocol number must be an integer 0–255');
    }
    return NAME_OF_NUMBER[n] ?? String(n);
  }
  if (typeof input === 'string') {
    const text: string = input;
    if (isProtocol(text)) return text;
    const lower = text.toLowerCase();
    if (isProtocol(lower)) throw new InvalidValue(`protocol names are lower-case: write "${lower}"`);
  }
  throw new InvalidValue(`must be one of ${PROTOCOL_NAMES.join(', ')} (lower-case), another IP protocol's name (${Object.keys(IP_PROTOCOL_NUMBERS).filter((n) => !PROTOCOL_NAMES.includes(n)).join(', ')}) or a number 0–255`);
}

/** Protocols with ports: tcp and udp, and dccp, sctp and udplite; a port range on anything else would silently match nothing. */
export function protocolHasPorts(protocol: ProtocolName): boolean {
  const n = protocolNumber(protocol);
  return n !== null && PORT_PROTOCOLS.has(n);
}

/** ICMP (1) and ICMPv6 (58), whatever their spelling: they have a type and a code. */
export function isIcmpProtocol(protocol: ProtocolName): boolean {
  const n = protocolNumber(protocol);
  return n === 1 || n === 58;
}

/** The only IP version a protocol can run over, or null when it runs over both. */
export function protocolIpVersion(protocol: ProtocolName): IpVersion | null {
  const n = protocolNumber(protocol);
  if (n === 1) return 'IPv4';
  if (n !== null && IPV6_ONLY.has(n)) return 'IPv6';
  return null;
}

/**
 * The name an agent matches a rule by: tcp, udp, icmp, icmpv6 and all whatever their spelling,
 * every other protocol by its number as decimal text.
 */
export function enforcedProtocol(protocol: ProtocolName): ProtocolName {
  const n = protocolNumber(protocol);
  if (n === null) return 'all';
  return NAME_OF_NUMBER[n] ?? String(n);
}
