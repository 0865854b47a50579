import { RateLimiter } from './request-gate';

describe('RateLimiter', () => {
  it('gives burst tokens at once, refills at perSecond, and says when to retry', () => {
    let now = 0;
    const limiter = new RateLimiter(2, 3, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    const refused = limiter.take('a');
    expect(refused).toMatchObject({ ok: false, remaining: 0, retryAfterS: 1 });
    expect(limiter.take('b').ok).toBe(true);
    now += 500; // one token back
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    now += 10_000; // never more than the burst
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
  });
});
