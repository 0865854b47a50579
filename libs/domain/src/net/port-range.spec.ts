import { InvalidValue } from '../shared/domain-error';
import { PortRange, parsePort } from './port-range';

describe('PortRange.parse', () => {
  it.each([
    ['all', null],
    ['22', { from: 22, to: 22 }],
    ['8000-8080', { from: 8000, to: 8080 }],
    ['1-65535', { from: 1, to: 65535 }],
    ['443-443', { from: 443, to: 443 }],
    [22, { from: 22, to: 22 }],
    [1, { from: 1, to: 1 }],
    [65535, { from: 65535, to: 65535 }],
  ])('reads %j', (input, expected) => {
    expect(PortRange.parse(input)).toEqual(expected);
  });

  it.each([
    [0, /port must be an integer 1–65535/],
    ['0', /port must be an integer 1–65535/],
    [65536, /1–65535/],
    ['65536', /1–65535/],
    ['99999999999999999999', /1–65535/],
    [-22, /1–65535/],
    [22.5, /integer/],
    ['22.5', /expected "all"/],
    ['0-80', /1–65535/],
    ['80-65536', /1–65535/],
    ['8080-8000', /the range starts at 8080, after its end 8000/],
    ['22-', /expected "all"/],
    ['-22', /expected "all"/],
    [' 22', /expected "all"/],
    ['22 ', /expected "all"/],
    ['8000 - 8080', /expected "all"/],
    ['22a', /expected "all"/],
    ['1-2-3', /expected "all"/],
    ['+22', /expected "all"/],
    ['0x16', /expected "all"/],
    ['', /expected "all"/],
    ['ALL', /expected "all"/],
    ['*', /expected "all"/],
    ['022', /without leading zeros/],
    ['80-0443', /without leading zeros/],
    [true, /must be a string or a number/],
    [null, /must be a string or a number/],
    [undefined, /must be a string or a number/],
    [[22], /must be a string or a number/],
    [{ from: 22, to: 22 }, /must be a string or a number/],
    [Number.NaN, /1–65535/],
    [Number.POSITIVE_INFINITY, /1–65535/],
  ])('rejects %j', (input, reason) => {
    expect(() => PortRange.parse(input)).toThrow(InvalidValue);
    expect(() => PortRange.parse(input)).toThrow(reason);
  });

  it.each([[null], [{ from: 22, to: 22 }], [{ from: 8000, to: 8080 }]])('format() reads back: %j', (span) => {
    expect(PortRange.parse(PortRange.format(span))).toEqual(span);
  });

  it('includes() treats null as every port', () => {
    expect(PortRange.includes(null, 3389)).toBe(true);
    expect(PortRange.includes({ from: 20, to: 23 }, 22)).toBe(true);
    expect(PortRange.includes({ from: 20, to: 21 }, 22)).toBe(false);
  });

  it('equals() compares spans by value', () => {
    expect(PortRange.equals({ from: 1, to: 2 }, { from: 1, to: 2 })).toBe(true);
    expect(PortRange.equals(null, null)).toBe(true);
    expect(PortRange.equals(null, { from: 1, to: 65535 })).toBe(false);
  });
});

describe('parsePort', () => {
  it.each([[22], ['22'], [65535]])('reads %j', (input) => {
    expect(typeof parsePort(input)).toBe('number');
  });

  it.each([[0], ['022'], ['22-23'], [true], [null], ['all']])('rejects %j', (input) => {
    expect(() => parsePort(input)).toThrow(InvalidValue);
  });
});
