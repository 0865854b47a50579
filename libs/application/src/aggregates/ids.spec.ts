import { newId } from './ids';

describe('newId', () => {
  it('has the prefix, the time in base 36, and 12 hex digits', () => {
    expect(newId('op', Date.UTC(2026, 10, 27))).toMatch(/^op-0mwy7sw00[0-9a-f]{12}$/);
  });

  it('sorts in creation order, also within one millisecond', () => {
    const ids = Array.from({ length: 500 }, () => newId('op', 1_800_000_000_000));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(500);
  });

  it('never goes back when the clock does', () => {
    const later = newId('op', 1_900_000_000_000);
    const earlier = newId('op', 1_899_999_999_000);
    expect(earlier > later).toBe(true);
  });
});
