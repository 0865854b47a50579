import { TokenRequestLimits } from './token-request-limits';

describe('TokenRequestLimits', () => {
  it('lets each address and each user name make perMinute token requests at once, then says how long to wait', () => {
    const limits = new TokenRequestLimits(3);
    expect([1, 2, 3].map(() => limits.take('user', 'demo'))).toEqual([null, null, null]);
    expect(limits.take('user', 'demo')).toBeGreaterThanOrEqual(1);
    // A user name in another case is the same user; another user and an address have buckets of their own.
    expect(limits.take('user', 'DEMO')).not.toBeNull();
    expect(limits.take('user', 'acme')).toBeNull();
    expect(limits.take('address', 'demo')).toBeNull();
  });

  it('limits nothing at 0', () => {
    const limits = new TokenRequestLimits(0);
    expect(Array.from({ length: 1000 }, () => limits.take('address', '127.0.0.1')).every((w) => w === null)).toBe(true);
  });
});
