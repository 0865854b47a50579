import { InvalidValue } from '../shared/domain-error';
import { ALL_IPV4, ALL_IPV6, Cidr, formatAddress, parseAddress, parsePeerAddress } from './cidr';

const parse = (s: string) => Cidr.parse(s);

describe('Cidr.parse', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0/8', 'IPv4', 8],
    ['203.0.113.7', '203.0.113.7/32', 'IPv4', 32],
    ['0.0.0.0/0', '0.0.0.0/0', 'IPv4', 0],
    ['255.255.255.255/32', '255.255.255.255/32', 'IPv4', 32],
    ['0.0.0.0', '0.0.0.0/32', 'IPv4', 32],
    ['2001:db8::/32', '2001:db8::/32', 'IPv6', 32],
    ['2001:DB8:0:0:0:0:0:0/32', '2001:db8::/32', 'IPv6', 32],
    ['2001:0db8:0000::1', '2001:db8::1/128', 'IPv6', 128],
    ['::/0', '::/0', 'IPv6', 0],
    ['::', '::/128', 'IPv6', 128],
    ['::1', '::1/128', 'IPv6', 128],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3/128', 'IPv6', 128],
    ['1:0:2:3:4:5:6:7', '1:0:2:3:4:5:6:7/128', 'IPv6', 128],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0/128', 'IPv6', 128],
    ['ff02::1:2/128', 'ff02::1:2/128', 'IPv6', 128],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221/128', 'IPv6', 128],
    ['::1.2.3.4', '::102:304/128', 'IPv6', 128],
  ])('accepts %s as %s', (input, canonical, version, prefix) => {
    const { cidr, hostBitsCleared } = parse(input);
    expect(cidr.toString()).toBe(canonical);
    expect(cidr.version).toBe(version);
    expect(cidr.prefixLength).toBe(prefix);
    expect(hostBitsCleared).toBe(false);
  });

  it.each([
    ['10.1.2.3/8', '10.0.0.0/8'],
    ['192.168.1.77/24', '192.168.1.0/24'],
    ['1.2.3.4/0', '0.0.0.0/0'],
    ['2001:db8::1/32', '2001:db8::/32'],
    ['fe80::1/10', 'fe80::/10'],
  ])('clears host bits of %s to %s and says so', (input, canonical) => {
    const { cidr, hostBitsCleared } = parse(input);
    expect(cidr.toString()).toBe(canonical);
    expect(hostBitsCleared).toBe(true);
  });

  it.each([
    ['', /must not be empty/],
    [' ', /is not a valid CIDR: must not contain spaces/],
    [' 10.0.0.0/8', /spaces/],
    ['10.0.0.0/8 ', /spaces/],
    ['10.0.0.0 /8', /spaces/],
    ['10.0.0.0/ 8', /spaces/],
    ['10.0.0.0\t', /spaces/],
    ['10.0.0.0/33', /prefix length must be a decimal number 0–32/],
    ['2001:db8::/129', /prefix length must be a decimal number 0–128/],
    ['10.0.0.0/-1', /prefix length/],
    ['10.0.0.0/+8', /prefix length/],
    ['10.0.0.0/08', /without leading zeros/],
    ['10.0.0.0/', /prefix length/],
    ['10.0.0.0/8/8', /prefix length/],
    ['10.0.0.0/x', /prefix length/],
    ['10.0.0.0/0x8', /prefix length/],
    ['10.0.0.0/8.0', /prefix length/],
    ['10.0.0.0/1000', /prefix length/],
    ['/8', /expected an IPv4 address/],
    ['010.0.0.1', /IPv4 octets are decimal numbers 0–255 without leading zeros/],
    ['10.0.0.01', /without leading zeros/],
    ['256.0.0.1', /0–255/],
    ['1.2.3', /expected an IPv4 address/],
    ['127.1', /expected an IPv4 address/],
    ['0x7f.0.0.1', /expected an IPv4 address/],
    ['0x7f000001', /expected an IPv4 address/],
    ['2130706433', /expected an IPv4 address/],
    ['1.2.3.4.5', /expected an IPv4 address/],
    ['1..2.3', /expected an IPv4 address/],
    ['a.b.c.d', /expected an IPv4 address/],
    ['localhost', /expected an IPv4 address/],
    ['::ffff:1.2.3.4', /IPv4-mapped IPv6 addresses are not allowed; write the IPv4 address 1.2.3.4/],
    ['::ffff:0102:0304', /IPv4-mapped/],
    ['0:0:0:0:0:FFFF:102:304/128', /IPv4-mapped/],
    ['::ffff:0:0/96', /IPv4-mapped/],
    ['fe80::1%eth0', /zone ids/],
    ['fe80::1%eth0/64', /zone ids/],
    ['1::2::3', /not a valid IPv6 address/],
    ['1:2:3:4:5:6:7:8:9', /not a valid IPv6 address/],
    ['1:2:3:4:5:6:7', /not a valid IPv6 address/],
    ['1:2:3:4:5:6:7:8::', /not a valid IPv6 address/],
    ['12345::', /not a valid IPv6 address/],
    [':1::', /not a valid IPv6 address/],
    ['1:', /not a valid IPv6 address/],
    ['g::1', /not a valid IPv6 address/],
    ['::010.1.2.3', /not a valid IPv6 address/],
    ['::1.2.3', /not a valid IPv6 address/],
    ['1.2.3.4::', /not a valid IPv6 address/],
    ['::1.2.3.4:5', /not a valid IPv6 address/],
    ['1:2:3:4:5:6:7:1.2.3.4', /not a valid IPv6 address/],
    ['[::1]', /not a valid IPv6 address/],
    ['1'.repeat(65), /too long/],
  ])('rejects %j', (input, reason) => {
    expect(() => parse(input)).toThrow(InvalidValue);
    expect(() => parse(input)).toThrow(reason);
  });

  it('names the input in the reason', () => {
    expect(() => parse('010.0.0.1')).toThrow('"010.0.0.1" is not a valid CIDR');
  });

  it.each([[undefined], [null], [8], [{}], [['10.0.0.0/8']]])('rejects the non-string %j', (input) => {
    expect(() => Cidr.parse(input as unknown as string)).toThrow(/must be a string/);
  });
});

describe('Cidr', () => {
  const c = (s: string) => Cidr.parse(s).cidr;

  it('exposes the range as integers', () => {
    const net = c('10.0.0.0/8');
    expect(net.networkAddress).toBe(0x0a000000n);
    expect(net.lastAddress).toBe(0x0affffffn);
    expect(net.size).toBe(1n << 24n);
    expect(net.bits).toBe(32);
    expect(net.address).toBe('10.0.0.0');
    expect(c('::/0').lastAddress).toBe((1n << 128n) - 1n);
  });

  it.each([
    ['10.0.0.0/8', '10.255.255.255', true],
    ['10.0.0.0/8', '11.0.0.0', false],
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', false],
    ['0.0.0.0/0', '2001:db8::1', false],
    ['::/0', '1.2.3.4', false],
    ['::/0', '2001:db8::1', true],
    ['2001:db8::/32', '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['2001:db8::/32', '2001:db9::', false],
    ['203.0.113.7/32', '203.0.113.7', true],
  ])('%s contains %s: %s', (outer, inner, expected) => {
    expect(c(outer).contains(inner)).toBe(expected);
    expect(c(outer).contains(c(inner))).toBe(expected);
  });

  it('contains() refuses a malformed address', () => {
    expect(() => c('10.0.0.0/8').contains('10.1')).toThrow(InvalidValue);
  });

  it.each([
    ['10.0.0.0/8', '10.1.0.0/16', true],
    ['10.1.0.0/16', '10.0.0.0/8', true],
    ['10.0.0.0/24', '10.0.1.0/24', false],
    ['10.0.0.0/23', '10.0.1.0/24', true],
    ['0.0.0.0/0', '::/0', false],
  ])('%s overlaps %s: %s', (a, b, expected) => {
    expect(c(a).overlaps(c(b))).toBe(expected);
  });

  it('equals compares version, network and prefix', () => {
    expect(c('10.1.2.3/8').equals(c('10.0.0.0/8'))).toBe(true);
    expect(c('10.0.0.0/8').equals(c('10.0.0.0/9'))).toBe(false);
    expect(c('0.0.0.0/0').equals(c('::/0'))).toBe(false);
  });

  it.each([
    [ALL_IPV4, true],
    [ALL_IPV6, true],
    ['0.0.0.0/1', false],
    ['::/1', false],
  ])('%s isAll: %s', (s, expected) => {
    expect(c(s).isAll()).toBe(expected);
  });

  it('serialises to its canonical string', () => {
    expect(JSON.stringify({ cidr: c('2001:DB8::1/32') })).toBe('{"cidr":"2001:db8::/32"}');
  });

  it('compare orders IPv4 first, then by address, wider first', () => {
    const sorted = ['::/0', '10.0.0.0/16', '10.0.0.0/8', '9.0.0.0/8'].map(c).sort(Cidr.compare).map(String);
    expect(sorted).toEqual(['9.0.0.0/8', '10.0.0.0/8', '10.0.0.0/16', '::/0']);
  });

  it('of() clears host bits and checks its arguments', () => {
    expect(Cidr.of('IPv4', 0x0a010203n, 8).toString()).toBe('10.0.0.0/8');
    expect(() => Cidr.of('IPv4', 1n << 32n, 8)).toThrow(InvalidValue);
    expect(() => Cidr.of('IPv6', 0n, 129)).toThrow(InvalidValue);
  });

  it('forAddress() makes a host network', () => {
    expect(Cidr.forAddress(parseAddress('2001:db8::7')).toString()).toBe('2001:db8::7/128');
  });
});

describe('parseAddress', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7', 'IPv4'],
    ['2001:DB8::0:1', '2001:db8::1', 'IPv6'],
  ])('accepts %s', (input, address, version) => {
    expect(parseAddress(input)).toMatchObject({ address, version });
  });

  it.each([['10.0.0.0/8'], ['10.0.0.1/32'], ['010.0.0.1'], ['127.1'], ['::ffff:1.2.3.4'], ['fe80::1%eth0'], [''], [' 1.2.3.4']])(
    'rejects %j',
    (input) => {
      expect(() => parseAddress(input)).toThrow(InvalidValue);
    },
  );
});

describe('parsePeerAddress', () => {
  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1', 'IPv4'],
    ['::FFFF:7f00:1', '127.0.0.1', 'IPv4'],
    ['0:0:0:0:0:ffff:c000:221', '192.0.2.33', 'IPv4'],
    ['203.0.113.7', '203.0.113.7', 'IPv4'],
    ['fe80::1%eth0', 'fe80::1', 'IPv6'],
    ['::1', '::1', 'IPv6'],
  ])('reads %s as %s', (input, address, version) => {
    expect(parsePeerAddress(input)).toMatchObject({ address, version });
  });

  it.each([['unknown'], ['10.0.0.0/8'], ['::ffff:010.0.0.1'], ['']])('rejects %j', (input) => {
    expect(() => parsePeerAddress(input)).toThrow(InvalidValue);
  });
});

describe('formatAddress', () => {
  it('writes RFC 5952 text', () => {
    expect(formatAddress('IPv6', 0x20010db8000000000000000000000001n)).toBe('2001:db8::1');
    expect(formatAddress('IPv4', 0xc0000221n)).toBe('192.0.2.33');
  });
});
