import { createHash } from 'node:crypto';
import { type AppConfig, bearerToken, sameSecret } from '@sg/infra';
import { isAgentCredential } from '@sg/protocol';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { KeystoneTokens } from '../../identity/keystone-tokens';
import { keystoneErrorBody } from '../../identity/keystone-error';
import type { TokenRequestLimits } from '../../identity/token-request-limits';
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
 * At most `limit` requests of one caller in progress at once; the next ones wait their turn in
 * arrival order (they already hold a token of the caller's bucket, so at most a bucket's worth
 * wait). A flood of one key thus holds a few of the API's workers (database connections, event
 * loop turns) and its other requests wait without costing anything, instead of crowding out every
 * other key's requests. A waiting request whose client goes away leaves the queue.
 */
export class InFlightLimit {
  private readonly callers = new Map<string, { running: number; waiting: Array<() => void> }>();

  constructor(readonly limit: number) {}

  /** Calls `run` once the caller has a place; `run` gets the function that gives the place back. */
  enter(caller: string, run: (leave: () => void) => void): { cancel(): void } {
    const state = this.callers.get(caller) ?? { running: 0, waiting: [] };
    this.callers.set(caller, state);
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      const next = state.waiting.shift();
      if (next) return next();
      state.running -= 1;
      if (state.running === 0) this.callers.delete(caller);
    };
    if (state.running < this.limit) {
      state.running += 1;
      run(leave);
      return { cancel: () => undefined };
    }
    const start = () => run(leave);
    state.waiting.push(start);
    return {
      cancel: () => {
        const at = state.waiting.indexOf(start);
        if (at >= 0) state.waiting.splice(at, 1);
      },
    };
  }

  /** Requests of the caller in progress, and waiting. */
  load(caller: string): { running: number; waiting: number } {
    const state = this.callers.get(caller);
    return { running: state?.running ?? 0, waiting: state?.waiting.length ?? 0 };
  }
}

/** Refusals held at once, at most; beyond, they are answered at once and the connection closes. */
const MAX_HELD_REFUSALS = 2_000;

/**
 * A refusal (429) is answered after up to `delayMs` (at least half of it), not at once: a client that ignores `Retry-After` and
 * asks again as soon as it is answered (a flood) then waits on each of its connections instead of
 * spinning, and its refusals cost the API (and the machine) next to nothing. A held refusal costs a
 * timer and an open socket; past MAX_HELD_REFUSALS the next ones are answered at once and their
 * connections closed. A client that goes away is forgotten.
 */
export class HeldRefusals {
  private held = 0;

  constructor(readonly delayMs: number) {}

  hold(res: Response, send: () => void): void {
    if (this.delayMs <= 0) return send();
    if (this.held >= MAX_HELD_REFUSALS) {
      res.set('connection', 'close');
      return send();
    }
    this.held += 1;
    let done = false;
    const release = () => {
      if (done) return;
      done = true;
      this.held -= 1;
      clearTimeout(timer);
    };
    // Jittered (between half and all of the delay): a flood's clients, refused together, do not come
    // back together.
    const timer = setTimeout(() => {
      release();
      if (!res.destroyed) send();
    }, this.delayMs * (0.5 + Math.random() / 2));
    res.once('close', release);
  }

  /** Refusals waiting to be answered. */
  get waiting(): number {
    return this.held;
  }
}

/**
 * Runs before the body is read (docs/reliability.md):
 * - a request with a body and no known API key (or agent credential) is a 401 at once, its body
 *   never parsed: a stranger cannot make the API parse megabytes;
 * - each API key (each agent credential) has its bucket (RATE_LIMIT_PER_SECOND, RATE_LIMIT_BURST):
 *   over it, 429 problem+json with `Retry-After`, answered after RATE_LIMIT_REFUSAL_DELAY_MS (a
 *   flood that ignores Retry-After waits instead of spinning); every answer to a known caller carries
 *   `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset`.
 * - each key has at most RATE_LIMIT_CONCURRENT requests in progress; its next ones wait their turn
 *   (notification streams, which never end, are capped by STREAMS_PER_KEY instead).
 * Requests without a body and without a known key go on: the guard answers them (public routes,
 * stream tickets, or 401).
 * The OpenStack faces authenticate their own way, and are answered in their own error format:
 * - `/v2.0` with a valid `X-Auth-Token` spends the bucket of the API key the token was issued for
 *   (a flood through Neutron and one through /v1 are the same key's); over it, 429 with
 *   `Retry-After` and a `NeutronError` body. A body without a valid token is a 401 `NeutronError`,
 *   never read.
 * - `POST /identity/v3/auth/tokens` spends the remote address's token-request bucket
 *   (TOKEN_REQUESTS_PER_MINUTE) before its body is read; the user name's bucket is taken by the
 *   controller before the password is checked. Over either, Keystone's 429 with `Retry-After`.
 */
export function requestGate(config: AppConfig, openstack: { tokens: KeystoneTokens; tokenRequests: TokenRequestLimits }): RequestHandler {
  const keys = config.apiKeys.map((k) => ({ key: k.key, caller: principalOf(k).actor }));
  const { perSecond, burst } = config.fairness;
  const limiter = perSecond > 0 ? new RateLimiter(perSecond, burst) : null;
  const refusals = new HeldRefusals(config.fairness.refusalDelayMs);
  const inFlight = config.fairness.concurrent > 0 ? new InFlightLimit(config.fairness.concurrent) : null;
  /** Goes on once the caller has a place among its requests in progress; gives it back when the response closes. */
  const proceed = (req: Request, res: Response, next: NextFunction, caller: string) => {
    if (!inFlight || isStream(req)) return next();
    const entry = inFlight.enter(caller, (leave) => {
      res.once('close', leave);
      if (res.destroyed || req.destroyed) return leave();
      next();
    });
    res.once('close', () => entry.cancel());
  };
  const callerOf = (token: string): string | null => {
    if (isAgentCredential(token)) return `agent#${createHash('sha256').update(token).digest('hex').slice(0, 16)}`;
    let found: string | null = null;
    for (const k of keys) if (sameSecret(token, k.key)) found = k.caller;
    return found;
  };
  const refuse = (req: Request & { requestId?: string }, res: Response, caller: string, answer: (detail: string, retryAfterS: number) => void): boolean => {
    if (!limiter) return false;
    const verdict = limiter.take(caller);
    res.set({ 'RateLimit-Limit': String(burst), 'RateLimit-Remaining': String(verdict.remaining), 'RateLimit-Reset': String(verdict.resetS) });
    if (verdict.ok) return false;
    const headers: Record<string, string> = { 'retry-after': String(verdict.retryAfterS) };
    // The body is not read: the connection closes after the answer instead of draining it.
    if (hasBody(req)) headers.connection = 'close';
    res.status(429).set(headers);
    const send = () => answer(`This key may make ${perSecond} requests per second (${burst} at once); retry in ${verdict.retryAfterS} s.`, verdict.retryAfterS);
    refusals.hold(res, send);
    return true;
  };
  return (req: Request & { requestId?: string }, res: Response, next: NextFunction) => {
    const face = isOpenStackPath(req.path);
    if (face === 'neutron') {
      const header = req.headers['x-auth-token'];
      const principal = typeof header === 'string' && header !== '' ? openstack.tokens.verify(header) : null;
      if (principal === null) {
        if (!hasBody(req)) return next(); // the token guard answers
        res.status(401).set({ connection: 'close' }).json(neutronBody('Unauthorized', 'Authentication required: send a valid token from /identity/v3/auth/tokens as X-Auth-Token.'));
        return;
      }
      if (!refuse(req, res, principal.actor, (detail) => res.json(neutronBody('HTTPTooManyRequests', detail)))) proceed(req, res, next, principal.actor);
      return;
    }
    if (face === 'keystone') {
      if (req.method !== 'POST' || !/^\/identity\/v3\/auth\/tokens\/?$/i.test(req.path)) return next();
      const wait = openstack.tokenRequests.take('address', req.ip ?? req.socket.remoteAddress ?? 'unknown');
      if (wait === null) return next();
      const headers: Record<string, string> = { 'retry-after': String(wait) };
      if (hasBody(req)) headers.connection = 'close';
      res.status(429).set(headers).json(keystoneErrorBody(429, `Too many token requests from this address; retry in ${wait} s.`));
      return;
    }
    const token = bearerToken(req.headers.authorization);
    const caller = token === null ? null : callerOf(token);
    if (caller === null) {
      if (!hasBody(req)) return next();
      const detail = token === null ? 'Send an API key as "Authorization: Bearer <key>".' : 'The API key is not known.';
      // The body is not read: the connection closes after the answer instead of draining it.
      res.status(401).set({ 'www-authenticate': 'Bearer', connection: 'close' }).type('application/problem+json').json(problemBody('unauthorized', detail, [], req.requestId));
      return;
    }
    if (!refuse(req, res, caller, (detail) => res.type('application/problem+json').json(problemBody('too-many-requests', detail, [], req.requestId)))) proceed(req, res, next, caller);
  };
}

const neutronBody = (type: string, message: string) => ({ NeutronError: { type, message, detail: '' } });

/** A notification stream: open until the client leaves, so never counted among the requests in progress. */
const isStream = (req: Request) => req.method === 'GET' && /^\/v1\/notifications\/stream\/?$/.test(req.path);

/** Whether the request carries a body (a length above 0, or a chunked one). */
export function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
