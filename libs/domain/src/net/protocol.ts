import { InvalidValue } from '../shared/domain-error';
import type { IpVersion, ProtocolName } from '../rule/rule';

export type { ProtocolName };

export const PROTOCOL_NAMES: readonly ProtocolName[] = ['tcp', 'udp', 'icmp', 'icmpv6', 'all'];

/**
 * Protocol names are lower-case only: the API returns them that way, and one spelling per value
 * keeps request replays and idempotency keys comparable. A wrong case gets a hint, not a guess.
 */
export function parseProtocol(input: unknown): ProtocolName {
  if (typeof input === 'string') {
    if ((PROTOCOL_NAMES as readonly string[]).includes(input)) return input as ProtocolName;
    const lower = input.toLowerCase();
    if ((PROTOCOL_NAMES as readonly string[]).includes(lower)) {
      throw new InvalidValue(`protocol names are lower-case: write "${lower}"`);
    }
  }
  throw new InvalidValue(`must be one of ${PROTOCOL_NAMES.join(', ')} (lower-case)`);
}

/** Only tcp and udp have ports; a port range on anything else would silently match nothing. */
export function protocolHasPorts(protocol: ProtocolName): protocol is 'tcp' | 'udp' {
  return protocol === 'tcp' || protocol === 'udp';
}

export function isIcmpProtocol(protocol: ProtocolName): protocol is 'icmp' | 'icmpv6' {
  return protocol === 'icmp' || protocol === 'icmpv6';
}

/** The only IP version a protocol can run over, or null when it runs over both. */
export function protocolIpVersion(protocol: ProtocolName): IpVersion | null {
  if (protocol === 'icmp') return 'IPv4';
  if (protocol === 'icmpv6') return 'IPv6';
  return null;
}
