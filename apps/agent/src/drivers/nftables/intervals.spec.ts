import { containsAddress, coveredBy, everything, formatInterval, isEverything, mergeCidrs } from './intervals';

const text = (cidrs: string[], version: 'IPv4' | 'IPv6' = 'IPv4') => mergeCidrs(cidrs).map((i) => formatInterval(version, i));

describe('CIDR intervals', () => {
  it('drops prefixes contained in others and merges overlapping and adjacent ones', () => {
    expect(text(['10.0.0.0/8', '10.1.2.0/24', '10.1.2.3/32'])).toEqual(['10.0.0.0/8']);
    expect(text(['192.168.0.0/24', '192.168.1.0/24'])).toEqual(['192.168.0.0/23']);
    expect(text(['192.168.1.0/24', '192.168.2.0/24'])).toEqual(['192.168.1.0-192.168.2.255']);
    expect(text(['203.0.113.7/32', '203.0.113.8/32', '198.51.100.1/32'])).toEqual(['198.51.100.1', '203.0.113.7-203.0.113.8']);
    expect(text(['0.0.0.0/0', '10.0.0.0/8'])).toEqual(['0.0.0.0/0']);
  });

  it('handles IPv6, including the whole space', () => {
    expect(text(['2001:db8::/33', '2001:db8:8000::/33', 'fd77::11/128'], 'IPv6')).toEqual(['2001:db8::/32', 'fd77::11']);
    expect(isEverything('IPv6', mergeCidrs(['::/1', '8000::/1']))).toBe(true);
    expect(isEverything('IPv4', everything('IPv4'))).toBe(true);
  });

  it('keeps a thousand scattered hosts as a thousand disjoint elements, sorted', () => {
    const hosts = Array.from({ length: 1000 }, (_, i) => `10.${(i * 7) % 256}.${Math.floor(i / 256)}.${(i * 13) % 250}/32`);
    const merged = mergeCidrs(hosts);
    for (let i = 1; i < merged.length; i++) expect(merged[i].from).toBeGreaterThan(merged[i - 1].to + 1n);
    expect(hosts.every((h) => containsAddress(merged, mergeCidrs([h])[0].from))).toBe(true);
  });

  it('answers containment of addresses and of interval lists', () => {
    const outer = mergeCidrs(['10.0.0.0/24', '10.0.2.0/24']);
    expect(containsAddress(outer, mergeCidrs(['10.0.0.9/32'])[0].from)).toBe(true);
    expect(containsAddress(outer, mergeCidrs(['10.0.1.9/32'])[0].from)).toBe(false);
    expect(coveredBy(mergeCidrs(['10.0.0.0/25', '10.0.2.7/32']), outer)).toBe(true);
    expect(coveredBy(mergeCidrs(['10.0.0.0/23']), outer)).toBe(false);
  });
});
