import { InvalidValue } from '../shared/domain-error';
import { parseIcmp } from './icmp';

describe('parseIcmp', () => {
  it.each([
    [{ type: 8, code: 0 }, { type: 8, code: 0 }],
    [{ type: 8 }, { type: 8, code: null }],
    [{ type: 3, code: null }, { type: 3, code: null }],
    [{ type: 0, code: 255 }, { type: 0, code: 255 }],
    [{ type: 255 }, { type: 255, code: null }],
  ])('reads %j', (input, expected) => {
    expect(parseIcmp(input)).toEqual(expected);
  });

  it.each([
    [{}, /type is required/],
    [{ code: 0 }, /type is required/],
    [{ type: 256 }, /type must be an integer 0–255/],
    [{ type: -1 }, /type must be an integer 0–255/],
    [{ type: 8.5 }, /type must be an integer/],
    [{ type: '8' }, /type must be an integer/],
    [{ type: null }, /type must be an integer/],
    [{ type: 8, code: 256 }, /code must be an integer 0–255/],
    [{ type: 8, code: '0' }, /code must be an integer/],
    [{ type: 8, code: true }, /code must be an integer/],
    [{ type: 8, foo: 1 }, /unknown field "foo"; only type and code are allowed/],
    [{ type: 8, Code: 1 }, /unknown field "Code"/],
    [null, /must be an object/],
    [8, /must be an object/],
    ['8/0', /must be an object/],
    [[8, 0], /must be an object/],
  ])('rejects %j', (input, reason) => {
    expect(() => parseIcmp(input)).toThrow(InvalidValue);
    expect(() => parseIcmp(input)).toThrow(reason);
  });

  it('does not read type from the prototype', () => {
    expect(() => parseIcmp(Object.create({ type: 8 }))).toThrow(/type is required/);
  });
});
