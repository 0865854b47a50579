import { DomainError } from '@sg/domain';

/** The version a request named is not (or no longer) the resource's. */
export class VersionMismatchError extends DomainError {
  constructor(
    readonly expected: number,
    readonly actual: number,
    /** The resource moved while the request was being applied, rather than before it was read. */
    readonly movedWhileApplying: boolean,
  ) {
    super('version-mismatch', `expected version ${expected}, but the resource is at version ${actual}`);
    this.name = 'VersionMismatchError';
  }
}

/** The same idempotency key came with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`idempotency key ${key} was used for a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The check a handler makes right after loading: the caller's expected version against the stream's. */
export function checkExpectedVersion(expected: number | null, version: number): void {
  if (expected !== null && expected !== version) throw new VersionMismatchError(expected, version, false);
}
