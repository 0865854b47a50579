import { HttpException } from '@nestjs/common';
import { DomainError, type DomainErrorCode } from '@sg/domain';
import { ConcurrencyError, IdempotencyKeyReusedError, ReadModelClashError, VersionMismatchError } from '@sg/application';
import { isUnavailable } from '@sg/infra';

/** An error as the Neutron face answers it: a status and Neutron's `{"NeutronError": {type, message, detail}}`. */
export class NeutronError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
  ) {
    super(message);
    this.name = 'NeutronError';
  }
}

export const badRequest = (message: string, type = 'BadRequest') => new NeutronError(400, type, message);
export const notFound = (message: string, type = 'NotFound') => new NeutronError(404, type, message);
export const conflict = (message: string, type = 'Conflict') => new NeutronError(409, type, message);

const DOMAIN_STATUS: Record<DomainErrorCode, [number, string]> = {
  'validation-failed': [400, 'BadRequest'],
  'not-found': [404, 'NotFound'],
  'duplicate-rule': [409, 'SecurityGroupRuleExists'],
  'default-group-immutable': [409, 'SecurityGroupInUse'],
  'group-has-rules': [409, 'SecurityGroupInUse'],
  'quota-exceeded': [409, 'OverQuota'],
  conflict: [409, 'Conflict'],
  'version-mismatch': [409, 'Conflict'],
  forbidden: [403, 'Forbidden'],
};

/** Any error a Neutron request ran into, as its status and body (never a 5xx for a client's mistake). */
export function neutronErrorOf(error: unknown): { status: number; body: { NeutronError: { type: string; message: string; detail: string } } } {
  const answer = (status: number, type: string, message: string) => ({ status, body: { NeutronError: { type, message, detail: '' } } });
  if (error instanceof NeutronError) return answer(error.status, error.type, error.message);
  if (error instanceof DomainError) {
    const [status, type] = DOMAIN_STATUS[error.code];
    if (error.code === 'duplicate-rule') {
      const id = /rule (\S+)$/.exec(error.issues[0]?.message ?? '')?.[1];
      return answer(status, type, id ? `Security group rule already exists. Rule id is ${id}.` : 'Security group rule already exists.');
    }
    const details = error.code === 'validation-failed' && error.issues.length > 0 ? `: ${error.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : '';
    return answer(status, type, `${error.message}${details}`);
  }
  if (error instanceof VersionMismatchError || error instanceof ConcurrencyError || error instanceof ReadModelClashError || error instanceof IdempotencyKeyReusedError) {
    return answer(409, 'Conflict', 'The resource kept changing under concurrent writers; nothing was written. Try again.');
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    if (status === 404) return answer(404, 'HTTPNotFound', 'The resource could not be found.');
    if (status === 405) return answer(405, 'HTTPMethodNotAllowed', 'The method is not allowed for this resource.');
    if (status < 500) return answer(status, 'BadRequest', error.message);
  }
  if (isUnavailable(error)) return answer(503, 'ServiceUnavailable', 'Postgres or Redis is unreachable; nothing was written. Try again shortly.');
  return answer(500, 'InternalServerError', 'An unexpected error occurred; it has been logged.');
}

/** Paths the Neutron and Keystone faces own: their errors are not /v1's problem+json. */
export function isOpenStackPath(path: string): 'neutron' | 'keystone' | null {
  if (/^\/v2\.0(\/|$)/i.test(path)) return 'neutron';
  if (/^\/identity(\/|$)/i.test(path)) return 'keystone';
  return null;
}
