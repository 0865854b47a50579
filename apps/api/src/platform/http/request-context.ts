import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { parsePeerAddress } from '@sg/domain';
import { createHash, randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import type { Principal } from '../auth/principal';
import { Problem } from './problem';

/** What a write needs to know of its request, beside the body. */
export interface RequestContext {
  principal: Principal;
  /** The server's own id for this request: the audit trail's `requestId`. */
  requestId: string;
  /** The caller's `X-Request-Id` when it sent a sane one: kept beside, never as, the server's. */
  clientRequestId: string | null;
  idempotencyKey: string | null;
  /** Hash of method, path and body: a replayed key must carry the same request. */
  requestHash: string;
  /** From `If-Match: "<version>"`, or null. */
  ifMatch: number | null;
  /** The caller's address as the server sees it (`my-ip`). */
  callerIp: string | null;
}

export type ContextualRequest = Request & { principal?: Principal; requestId?: string; clientRequestId?: string };

/** What the API keeps of a caller's `X-Request-Id`: anything else is ignored. */
const SANE_CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every request the server's own id (a UUID: what the audit trail, the logs and problem
 * bodies call `requestId`, so a client cannot choose what the audit trail says). A caller's sane
 * `X-Request-Id` is kept as `clientRequestId` and echoed in the response's `X-Request-Id`, as it
 * always was; without one, the response carries the server's id.
 */
export function requestIdMiddleware(req: ContextualRequest, res: Response, next: NextFunction): void {
  const given = req.header('x-request-id');
  req.requestId = randomUUID();
  if (given && SANE_CLIENT_REQUEST_ID.test(given)) req.clientRequestId = given;
  res.setHeader('X-Request-Id', req.clientRequestId ?? req.requestId);
  next();
}

export function callerIpOf(req: Request, trustProxy: boolean): string | null {
  // With TRUST_PROXY express has read X-Forwarded-For into req.ip; without it req.ip is the socket's.
  const raw = (trustProxy ? req.ip : req.socket.remoteAddress) ?? null;
  if (!raw) return null;
  try {
    return parsePeerAddress(raw).address;
  } catch {
    return null;
  }
}

export function buildRequestContext(req: ContextualRequest, trustProxy: boolean): RequestContext {
  const key = req.header('idempotency-key') ?? null;
  if (key !== null && !/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new Problem('validation-failed', 'Idempotency-Key must be 1–255 visible ASCII characters.', [{ path: 'Idempotency-Key', message: 'invalid header value' }]);
  }
  return {
    principal: req.principal!,
    requestId: req.requestId ?? randomUUID(),
    clientRequestId: req.clientRequestId ?? null,
    idempotencyKey: key,
    requestHash: createHash('sha256').update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`).digest('hex'),
    ifMatch: parseIfMatch(req.header('if-match')),
    callerIp: callerIpOf(req, trustProxy),
  };
}

/** `If-Match: "7"`, `W/"7"` or `7`. Anything else is a 400 naming the header. */
function parseIfMatch(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(raw);
  if (!m) throw new Problem('validation-failed', 'If-Match must be a version in quotes, like "7".', [{ path: 'If-Match', message: 'expected "<version>"' }]);
  return Number(m[1]);
}

/** `@Ctx() ctx: RequestContext` in a controller method. */
export const Ctx = createParamDecorator((_: unknown, host: ExecutionContext): RequestContext => {
  const req = host.switchToHttp().getRequest<ContextualRequest & { trustProxy?: boolean }>();
  return buildRequestContext(req, Boolean(req.app?.get('trust proxy')));
});

/**
 * A path with control characters names nothing we could have stored (Postgres refuses NUL in
 * text): answer 404 here instead of letting a query fail.
 */
export function rejectUnstorablePaths(req: ContextualRequest, res: Response, next: NextFunction): void {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    path = '\u0000';
  }
  if (!/\p{Cc}/u.test(path)) return next();
  res.status(404).type('application/problem+json').json({ type: 'not-found', title: 'Not found', status: 404, detail: 'No such resource.', requestId: req.requestId });
}
