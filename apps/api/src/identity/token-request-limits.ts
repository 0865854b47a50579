import { RateLimiter } from '../platform/http/request-gate';

/**
 * Buckets for Keystone token requests (`POST /identity/v3/auth/tokens`), TOKEN_REQUESTS_PER_MINUTE
 * each (as many at once): one per remote address, taken before the body is read, and one per user
 * name, taken before the password is checked. Guessing a password is bounded per user whatever the
 * number of addresses, and one address cannot make the API parse token requests without end.
 */
export class TokenRequestLimits {
  private readonly limiter: RateLimiter | null;

  constructor(readonly perMinute: number) {
    this.limiter = perMinute > 0 ? new RateLimiter(perMinute / 60, perMinute) : null;
  }

  /** Takes one token from `who`'s bucket: null when the request may go on, else the seconds to wait. */
  take(kind: 'address' | 'user', who: string): number | null {
    if (!this.limiter) return null;
    const verdict = this.limiter.take(`${kind}#${kind === 'user' ? who.toLowerCase() : who}`);
    return verdict.ok ? null : verdict.retryAfterS;
  }
}
