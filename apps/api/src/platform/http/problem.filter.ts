import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@sg/domain';
import { isUnavailable } from '@sg/infra';
import { ConcurrencyError, IdempotencyKeyReusedError, InvalidCursorError, ReadModelClashError, UnknownPositionError, VersionMismatchError } from '@sg/application';
import type { Request, Response } from 'express';
import { Problem, problemBody, ProblemSlug } from './problem';
import { KeystoneError, keystoneErrorBody } from '../../identity/keystone-error';
import { isOpenStackPath, neutronErrorOf } from '../../neutron/platform/neutron-error';

const DOMAIN_SLUGS: Record<DomainErrorCode, ProblemSlug> = {
  'validation-failed': 'validation-failed',
  'not-found': 'not-found',
  'duplicate-rule': 'duplicate-rule',
  'default-group-immutable': 'default-group-immutable',
  'group-has-rules': 'group-has-rules',
  'quota-exceeded': 'quota-exceeded',
  conflict: 'conflict',
  'version-mismatch': 'version-mismatch',
  forbidden: 'forbidden',
};

const HTTP_SLUGS: Record<number, ProblemSlug> = {
  400: 'validation-failed',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-requests',
};

/** Every error leaves as application/problem+json (RFC 9457) with a slug of the /v1 contract. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('http');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const face = isOpenStackPath(req.path);
    if (res.headersSent) {
      if (!face) this.toProblem(error, req); // logs it when unexpected
      res.end();
      return;
    }
    if (face) {
      // The OpenStack faces answer in their own JSON (clients refuse problem+json).
      const { status: neutronStatus, body: neutron } = neutronErrorOf(error);
      const status = face === 'keystone' && error instanceof KeystoneError ? error.status : neutronStatus;
      if (status >= 500) this.logger.error(`${req.method} ${req.path} failed`, error instanceof Error ? error.stack : String(error));
      if (face === 'keystone') {
        res.status(status).json(keystoneErrorBody(status, error instanceof Error ? error.message : neutron.NeutronError.message));
      } else {
        res.status(status).json(neutron);
      }
      return;
    }
    // Only now: the OpenStack faces' own errors (a 401, a 404) are no unexpected error to log.
    const body = this.toProblem(error, req);
    res.status(body.status).type('application/problem+json').json(body);
  }

  private toProblem(error: unknown, req: Request) {
    const requestId = (req as { requestId?: string }).requestId;
    if (error instanceof Problem) return problemBody(error.slug, error.detail, error.errors, requestId);
    if (error instanceof VersionMismatchError) {
      const detail = error.movedWhileApplying
        ? `The resource changed while this request was applied (now at version ${error.actual}); reload and try again.`
        : `If-Match names version ${error.expected}, but the resource is at version ${error.actual}.`;
      return problemBody('version-mismatch', detail, [], requestId);
    }
    if (error instanceof IdempotencyKeyReusedError) {
      return problemBody('idempotency-key-reused', `Idempotency-Key "${error.key}" was used for a different request; use a new key.`, [], requestId);
    }
    if (error instanceof InvalidCursorError) {
      return problemBody('validation-failed', 'The cursor is not one this API returned.', [{ path: 'cursor', message: error.message }], requestId);
    }
    if (error instanceof DomainError) return problemBody(DOMAIN_SLUGS[error.code], error.message, error.issues, requestId);
    if (error instanceof ConcurrencyError || error instanceof ReadModelClashError) {
      return problemBody('conflict', 'The resource kept changing under concurrent writers; nothing was written. Try again.', [], requestId);
    }
    if (error instanceof UnknownPositionError) {
      return problemBody('validation-failed', error.message, [{ path: 'after', message: 'no event has this position' }], requestId);
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const slug = HTTP_SLUGS[status] ?? (status >= 500 ? 'internal-error' : 'validation-failed');
      const detail = status === 404 ? `No route ${req.method} ${req.path}` : error.message;
      return problemBody(slug, detail, [], requestId);
    }
    if (isUnavailable(error)) {
      this.logger.warn(`${req.method} ${req.path}: backing service unavailable: ${(error as Error).message}`);
      return problemBody('unavailable', 'Postgres or Redis is unreachable; nothing was written. Try again shortly.', [], requestId);
    }
    this.logger.error(`${req.method} ${req.path} failed`, error instanceof Error ? error.stack : String(error));
    return problemBody('internal-error', 'An unexpected error occurred; it has been logged.', [], requestId);
  }
}
