import { InvalidValue } from '../shared/domain-error';
import { isIcmpProtocol, parseProtocol, PROTOCOL_NAMES, protocolHasPorts, protocolIpVersion } from './protocol';

describe('parseProtocol', () => {
  it.each(PROTOCOL_NAMES.map((p) => [p]))('accepts %s', (p) => {
    expect(parseProtocol(p)).toBe(p);
  });

  it.each([
    ['TCP', /lower-case: write "tcp"/],
    ['Icmpv6', /lower-case: write "icmpv6"/],
    ['ALL', /lower-case: write "all"/],
    ['sctp', /must be one of tcp, udp, icmp, icmpv6, all \(lower-case\)/],
    ['6', /must be one of/],
    [6, /must be one of/],
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

describe('protocol facts', () => {
  it.each([
    ['tcp', true, false, null],
    ['udp', true, false, null],
    ['icmp', false, true, 'IPv4'],
    ['icmpv6', false, true, 'IPv6'],
    ['all', false, false, null],
  ] as const)('%s: ports %s, icmp %s, IP version %s', (p, ports, icmp, version) => {
    expect(protocolHasPorts(p)).toBe(ports);
    expect(isIcmpProtocol(p)).toBe(icmp);
    expect(protocolIpVersion(p)).toBe(version);
  });
});
