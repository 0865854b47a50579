import { createHash } from 'node:crypto';
import { type AppConfig, bearerToken, sameSecret } from '@sg/infra';
import { isAgentCredential } from '@sg/protocol';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isOpenStackPath } from '../../neutron/platform/neutron-error';
import { principalOf } from '../auth/principal';
import { problemBody } from './problem';

/** Buckets kept at most; beyond, the full ones (idle callers) are forgotten first. */
const MAX_BUCKETS = 10_000;

/**
 * A token bucket per caller: `burst` requests at once, refilled at `perSecond`. In memory, per API
 * replica: N replicas allow N times the rate (docs/reliability.md).
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes one token; says how many are left, and when the next one (or the whole bucket) is back. */
  take(caller: string): { ok: boolean; remaining: number; retryAfterS: number; resetS: number } {
    const now = this.now();
    const bucket = this.buckets.get(caller) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond);
    bucket.at = now;
    const ok = bucket.tokens >= 1;
    if (ok) bucket.tokens -= 1;
    this.remember(caller, bucket);
    const missing = this.burst - bucket.tokens;
    return {
      ok,
      remaining: Math.floor(bucket.tokens),
      retryAfterS: ok ? 0 : Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)),
      resetS: Math.ceil(missing / this.perSecond),
    };
  }

  private remember(caller: string, bucket: { tokens: number; at: number }): void {
    this.buckets.delete(caller);
    this.buckets.set(caller, bucket);
    if (this.buckets.size <= MAX_BUCKETS) return;
    // Oldest first (Map keeps insertion order, refreshed above): idle callers go.
    for (const key of this.buckets.keys()) {
      this.buckets.delete(key);
      if (this.buckets.size <= MAX_BUCKETS) break;
    }
  }
}

/**
 * Runs before the body is read (docs/reliability.md):
 * - a request with a body and no known API key (or agent credential) is a 401 at once, its body
 *   never parsed: a stranger cannot make the API parse megabytes;
 * - each API key (each agent credential) has its bucket (RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST):
 *   over it, 429 problem+json with `Retry-After`; every answer to a known caller carries
 *   `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
 * Requests without a body and without a known key go on: the guard answers them (public routes,
 * stream tickets, or 401). So do the OpenStack faces' requests (`/identity`, `/v2.0`), which
 * authenticate their own way: a password in the body of `POST /identity/v3/auth/tokens`, and an
 * `X-Auth-Token` on `/v2.0` (they are neither refused before the body nor rate limited here).
 */
export function requestGate(config: AppConfig): RequestHandler {
  const keys = config.apiKeys.map((k) => ({ key: k.key, caller: principalOf(k).actor }));
  const { perSecond, burst } = config.fairness;
  const limiter = perSecond > 0 ? new RateLimiter(perSecond, burst) : null;
  const callerOf = (token: string): string | null => {
    if (isAgentCredential(token)) return `agent#${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
    let found: string | null = null;
    for (const k of keys) if (sameSecret(token, k.key)) found = k.caller;
    return found;
  };
  return (req: Request & { requestId?: string }, res: Response, next: NextFunction) => {
    const token = bearerToken(req.headers.authorization);
    const caller = token === null ? null : callerOf(token);
    if (caller === null) {
      if (!hasBody(req) || isOpenStackPath(req.path)) return next();
      const detail = token === null ? 'Send an API key as "Authorization: Bearer <key>".' : 'The API key is not known.';
      // The body is not read: the connection closes after the answer instead of draining it.
      res.status(401).set({ 'www-authenticate': 'Bearer', connection: 'close' }).type('application/problem+json').json(problemBody('unauthorized', detail, [], req.requestId));
      return;
    }
    if (!limiter) return next();
    const verdict = limiter.take(caller);
    res.set({ 'RateLimit-Limit': String(burst), 'RateLimit-Remaining': String(verdict.remaining), 'RateLimit-Reset': String(verdict.resetS) });
    if (verdict.ok) return next();
    const headers: Record<string, string> = { 'retry-after': String(verdict.retryAfterS) };
    if (hasBody(req)) headers.connection = 'close';
    res
      .status(429)
      .set(headers)
      .type('application/problem+json')
      .json(problemBody('too-many-requests', `This key may make ${perSecond} requests per second (${burst} at once); retry in ${verdict.retryAfterS} s.`, [], req.requestId));
  };
}

/** Whether the request carries a body (a length above 0, or a chunked one). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
