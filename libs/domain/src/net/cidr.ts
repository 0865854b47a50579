import * as ipaddr from 'ipaddr.js';
import { InvalidValue } from '../shared/domain-error';
import type { IpVersion } from '../rule/rule';

export type { IpVersion };

export const ALL_IPV4 = '0.0.0.0/0';
export const ALL_IPV6 = '::/0';

const BITS: Readonly<Record<IpVersion, number>> = { IPv4: 32, IPv6: 128 };

// ipaddr.js alone is too lenient for a firewall: it reads `010.0.0.1` as octal, `127.1` as
// 127.0.0.1 and `::1.2.3.4` as an IPv4-mapped address. So the text is checked against the strict
// grammar first, and ipaddr.js only ever sees plain dotted-quad or hex-group text.
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);
const LOOSE_QUAD = /^[0-9]+(?:\.[0-9]+){3}$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const PREFIX = /^(?:0|[1-9][0-9]{0,2})$/;
// Longest legal text is a full IPv6 address with an IPv4 tail and a prefix (49 characters).
const MAX_INPUT = 64;

export interface ParsedAddress {
  /** Canonical text: dotted-quad decimal, or RFC 5952 lower-case compressed IPv6. */
  address: string;
  version: IpVersion;
  value: bigint;
}

/** A single host address (an instance's IP, a flow-check remote), as strict as `Cidr.parse`. */
export function parseAddress(input: string): ParsedAddress {
  const text = checkText(input, 'address');
  if (text.includes('/')) throw invalid(input, 'address', 'expected a single address, not a CIDR');
  return parseHost(input, text, 'address');
}

/**
 * The peer address as a socket reports it. Node gives IPv4 clients of a dual-stack listener as
 * `::ffff:203.0.113.7`; a rule for them must name the IPv4 address. A zone id (`%eth0`) only
 * matters to the local host, so it is dropped rather than refused.
 */
export function parsePeerAddress(input: string): ParsedAddress {
  const text = checkText(input, 'address');
  const unzoned = text.includes(':') ? text.replace(/%[0-9A-Za-z._~-]+$/, '') : text;
  if (unzoned.includes('/')) throw invalid(input, 'address', 'expected a single address, not a CIDR');
  return parseHost(input, unzoned, 'address', true);
}

/** An IPv4 or IPv6 network: the address with host bits cleared, and its prefix length. */
export class Cidr {
  private constructor(
    readonly version: IpVersion,
    /** The first address of the network, as an unsigned integer. */
    readonly networkAddress: bigint,
    readonly prefixLength: number,
  ) {}

  /** Host bits set in the input are cleared, and reported, so the caller can warn about it. */
  static parse(input: string): { cidr: Cidr; hostBitsCleared: boolean } {
    const text = checkText(input, 'CIDR');
    const slash = text.indexOf('/');
    const host = parseHost(input, slash < 0 ? text : text.slice(0, slash), 'CIDR');
    const bits = BITS[host.version];
    let prefixLength = bits;
    if (slash >= 0) {
      const prefix = text.slice(slash + 1);
      if (!PREFIX.test(prefix) || Number(prefix) > bits) {
        throw invalid(input, 'CIDR', `the prefix length must be a decimal number 0–${bits} without leading zeros`);
      }
      prefixLength = Number(prefix);
    }
    const cidr = Cidr.of(host.version, host.value, prefixLength);
    return { cidr, hostBitsCleared: cidr.networkAddress !== host.value };
  }

  /** Builds a network from an integer address, clearing host bits. */
  static of(version: IpVersion, address: bigint, prefixLength: number): Cidr {
    const bits = BITS[version];
    if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > bits) {
      throw new InvalidValue(`the prefix length must be 0–${bits}`);
    }
    if (address < 0n || address >= 1n << BigInt(bits)) throw new InvalidValue(`not an ${version} address`);
    const hostBits = BigInt(bits - prefixLength);
    return new Cidr(version, (address >> hostBits) << hostBits, prefixLength);
  }

  /** The /32 or /128 network of one host. */
  static forAddress(address: ParsedAddress): Cidr {
    return new Cidr(address.version, address.value, BITS[address.version]);
  }

  /** Orders IPv4 before IPv6, then by address, then wider networks first: the order nftables intervals want. */
  static compare(a: Cidr, b: Cidr): number {
    if (a.version !== b.version) return a.version === 'IPv4' ? -1 : 1;
    if (a.networkAddress !== b.networkAddress) return a.networkAddress < b.networkAddress ? -1 : 1;
    return a.prefixLength - b.prefixLength;
  }

  get bits(): number {
    return BITS[this.version];
  }

  /** The last address of the network, as an unsigned integer. */
  get lastAddress(): bigint {
    return this.networkAddress + this.size - 1n;
  }

  /** How many addresses the network holds. */
  get size(): bigint {
    return 1n << BigInt(this.bits - this.prefixLength);
  }

  /** The network address in canonical text, without the prefix. */
  get address(): string {
    return formatAddress(this.version, this.networkAddress);
  }

  isAll(): boolean {
    return this.prefixLength === 0;
  }

  equals(other: Cidr): boolean {
    return (
      this.version === other.version &&
      this.networkAddress === other.networkAddress &&
      this.prefixLength === other.prefixLength
    );
  }

  /**
   * Whether every address of `other` lies in this network. A string is read as an address or a
   * CIDR (throws InvalidValue when it is neither). A different IP version is never contained.
   */
  contains(other: Cidr | string): boolean {
    const inner = typeof other === 'string' ? Cidr.parse(other).cidr : other;
    return (
      inner.version === this.version &&
      inner.networkAddress >= this.networkAddress &&
      inner.lastAddress <= this.lastAddress
    );
  }

  overlaps(other: Cidr): boolean {
    return (
      other.version === this.version &&
      other.networkAddress <= this.lastAddress &&
      this.networkAddress <= other.lastAddress
    );
  }

  toString(): string {
    return `${this.address}/${this.prefixLength}`;
  }

  toJSON(): string {
    return this.toString();
  }
}

/** Canonical text of an integer address. */
export function formatAddress(version: IpVersion, value: bigint): string {
  const bytes = toBytes(value, BITS[version] / 8);
  if (version === 'IPv4') return bytes.join('.');
  return ipaddr.fromByteArray(bytes).toString();
}

function parseHost(input: string, text: string, what: string, unmap = false): ParsedAddress {
  if (text.includes(':')) return parseIPv6(input, text, what, unmap);
  if (DOTTED_QUAD.test(text)) return formatParsed('IPv4', fromBytes(ipaddr.IPv4.parse(text).toByteArray()));
  if (LOOSE_QUAD.test(text)) {
    throw invalid(input, what, 'IPv4 octets are decimal numbers 0–255 without leading zeros');
  }
  throw invalid(input, what, 'expected an IPv4 address like 192.0.2.1 or an IPv6 address like 2001:db8::1');
}

function parseIPv6(input: string, text: string, what: string, unmap: boolean): ParsedAddress {
  if (text.includes('%')) throw invalid(input, what, 'IPv6 zone ids (%eth0) are not allowed');
  const hex = strictIPv6(text);
  if (hex === null) throw invalid(input, what, 'not a valid IPv6 address');
  const parsed = ipaddr.IPv6.parse(hex);
  if (parsed.isIPv4MappedAddress()) {
    if (unmap) return formatParsed('IPv4', fromBytes(parsed.toIPv4Address().toByteArray()));
    const v4 = parsed.toIPv4Address().toString();
    throw invalid(input, what, `IPv4-mapped IPv6 addresses are not allowed; write the IPv4 address ${v4} instead`);
  }
  return formatParsed('IPv6', fromBytes(parsed.toByteArray()));
}

/**
 * RFC 4291 text form: eight hex groups, at most one `::`, and an optional dotted-quad tail.
 * Returns the same address in hex groups only, or null when the text is not that form.
 */
function strictIPv6(text: string): string | null {
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const compressed = halves.length === 2;
  const lists = halves.map((h) => (h === '' ? [] : h.split(':')));
  const last = lists[lists.length - 1];
  let count = 0;
  for (const list of lists) {
    for (let i = 0; i < list.length; i++) {
      const group = list[i];
      if (list === last && i === list.length - 1 && group.includes('.')) {
        if (!DOTTED_QUAD.test(group)) return null;
        const [a, b, c, d] = group.split('.').map(Number);
        list[i] = `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        count += 2;
      } else if (HEX_GROUP.test(group)) {
        count += 1;
      } else {
        return null;
      }
    }
  }
  if (compressed ? count > 7 : count !== 8) return null;
  return lists.map((l) => l.join(':')).join('::');
}

function checkText(input: unknown, what: string): string {
  if (typeof input !== 'string') throw new InvalidValue(`must be a string holding an IP ${what}`);
  if (input === '') throw new InvalidValue(`must not be empty; expected an IP ${what}`);
  if (input.length > MAX_INPUT) throw new InvalidValue(`is too long to be an IP ${what}`);
  if (/\s/.test(input)) throw invalid(input, what, 'must not contain spaces');
  return input;
}

function invalid(input: string, what: string, reason: string): InvalidValue {
  const shown = input.length > MAX_INPUT ? `${input.slice(0, MAX_INPUT)}…` : input;
  return new InvalidValue(`${JSON.stringify(shown)} is not a valid ${what}: ${reason}`);
}

function formatParsed(version: IpVersion, value: bigint): ParsedAddress {
  return { address: formatAddress(version, value), version, value };
}

function fromBytes(bytes: number[]): bigint {
  return bytes.reduce((acc, b) => (acc << 8n) | BigInt(b), 0n);
}

function toBytes(value: bigint, length: number): number[] {
  const bytes = new Array<number>(length);
  for (let i = length - 1; i >= 0; i--) {
    bytes[i] = Number(value & 0xffn);
    value >>= 8n;
  }
  return bytes;
}
