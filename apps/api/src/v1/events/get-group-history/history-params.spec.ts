import { parseHistoryPoint, parseRfc3339 } from './history-params';

describe('parseRfc3339', () => {
  it.each([
    ['2026-11-27T10:00:00Z', '2026-11-27T10:00:00.000Z'],
    ['2026-11-27t10:00:00z', '2026-11-27T10:00:00.000Z'],
    ['2026-11-27 10:00:00Z', '2026-11-27T10:00:00.000Z'],
    ['2026-11-27T12:00:00.5+02:00', '2026-11-27T10:00:00.500Z'],
    ['2026-11-27T05:30:00.123456-04:30', '2026-11-27T10:00:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseRfc3339(text)?.toISOString()).toBe(iso);
  });

  it.each([
    '2026-11-27',
    '2026-11-27T10:00:00',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-11-27T24:00:00Z',
    '2026-11-27T10:60:00Z',
    '2026-11-27T10:00:60Z',
    '2026-11-27T10:00:00+24:00',
    '2026-11-27T10:00:00.Z',
    'Fri, 27 Nov 2026 10:00:00 GMT',
    '1764237600000',
    ' 2026-11-27T10:00:00Z',
    '',
  ])('refuses %j', (text) => {
    expect(parseRfc3339(text)).toBeNull();
  });
});

describe('parseHistoryPoint', () => {
  const paths = (query: Record<string, unknown>) => {
    try {
      parseHistoryPoint(query);
    } catch (error) {
      return (error as { errors: { path: string }[] }).errors.map((e) => e.path);
    }
    throw new Error('expected a 400');
  };

  it('takes a version or an instant', () => {
    expect(parseHistoryPoint({ version: '3' })).toEqual({ version: 3 });
    expect(parseHistoryPoint({ at: '2026-11-27T10:00:00Z' })).toEqual({ at: new Date('2026-11-27T10:00:00Z') });
  });

  it('reads an offset whose `+` the query string turned into a space', () => {
    expect(parseHistoryPoint({ at: '2026-11-27T12:00:00 02:00' })).toEqual({ at: new Date('2026-11-27T10:00:00Z') });
    expect(parseHistoryPoint({ at: '2026-11-27 12:00:00 02:00' })).toEqual({ at: new Date('2026-11-27T10:00:00Z') });
  });

  it('wants exactly one of them, and says what is wrong with each', () => {
    expect(paths({})).toEqual(['']);
    expect(paths({ version: '3', at: '2026-11-27T10:00:00Z' })).toEqual(['']);
    expect(paths({ version: '0' })).toEqual(['version']);
    expect(paths({ version: '1.5' })).toEqual(['version']);
    expect(paths({ version: '99999999999' })).toEqual(['version']);
    expect(paths({ version: ['1', '2'] })).toEqual(['version']);
    expect(paths({ at: 'yesterday' })).toEqual(['at']);
    expect(paths({ version: 'x', at: 'y' })).toEqual(['version', 'at', '']);
  });
});
