import { InvalidValue } from '../shared/domain-error';
import { enforcedProtocol, isIcmpProtocol, parseProtocol, PROTOCOL_NAMES, protocolHasPorts, protocolIpVersion, protocolNumber } from './protocol';

describe('parseProtocol', () => {
  it.each(PROTOCOL_NAMES.map((p) => [p]))('accepts %s', (p) => {
    expect(parseProtocol(p)).toBe(p);
  });

  it.each([
    ['TCP', /lower-case: write "tcp"/],
    ['Icmpv6', /lower-case: write "icmpv6"/],
    ['ALL', /lower-case: write "all"/],
    ['SCTP', /lower-case: write "sctp"/],
    ['grease', /must be one of tcp, udp, icmp, icmpv6, all \(lower-case\), another IP protocol's name/],
    ['256', /integer 0–255/],
    [256, /integer 0–255/],
    [-1, /integer 0–255/],
    [1.5, /integer 0–255/],
    ['007', /integer 0–255/],
    ['', /must be one of/],
    [' tcp', /must be one of/],
    [null, /must be one of/],
    [undefined, /must be one of/],
    [['tcp'], /must be one of/],
  ])('rejects %j', (input, reason) => {
    expect(() => parseProtocol(input)).toThrow(InvalidValue);
    expect(() => parseProtocol(input)).toThrow(reason);
  });
});

describe('parseProtocol: any IP protocol', () => {
  it.each([
    ['sctp', 'sctp'],
    ['gre', 'gre'],
    ['ipv6-icmp', 'ipv6-icmp'],
    [47, '47'],
    ['47', '47'],
    [0, '0'],
    // The numbers of the protocols with names of their own become those names.
    [6, 'tcp'],
    ['17', 'udp'],
    [1, 'icmp'],
    [58, 'icmpv6'],
  ])('reads %j as %s', (input, expected) => {
    expect(parseProtocol(input)).toBe(expected);
  });

  it('compares names and numbers by number, and gives agents a name or a number', () => {
    expect(protocolNumber('udp')).toBe(17);
    expect(protocolNumber('17')).toBe(17);
    expect(protocolNumber('all')).toBeNull();
    expect(enforcedProtocol('6')).toBe('tcp');
    expect(enforcedProtocol('ipv6-icmp')).toBe('icmpv6');
    expect(enforcedProtocol('gre')).toBe('47');
    expect(enforcedProtocol('all')).toBe('all');
  });
});

describe('protocol facts', () => {
  it.each([
    ['tcp', true, false, null],
    ['udp', true, false, null],
    ['icmp', false, true, 'IPv4'],
    ['icmpv6', false, true, 'IPv6'],
    ['all', false, false, null],
    ['sctp', true, false, null],
    ['132', true, false, null],
    ['58', false, true, 'IPv6'],
    ['ipv6-frag', false, false, 'IPv6'],
    ['gre', false, false, null],
  ] as const)('%s: ports %s, icmp %s, IP version %s', (p, ports, icmp, version) => {
    expect(protocolHasPorts(p)).toBe(ports);
    expect(isIcmpProtocol(p)).toBe(icmp);
    expect(protocolIpVersion(p)).toBe(version);
  });
});
