import type { ExpectedVersion, IdempotencyRecord } from './event-store.port';

/**
 * The stream moved on since the writer read it. Nothing was written; the writer may reload and
 * decide again (`withRetry`), or report a conflict.
 */
export class ConcurrencyError extends Error {
  readonly code = 'concurrency-conflict';

  constructor(
    readonly streamId: string,
    readonly expected: ExpectedVersion,
    /** The stream's version when the append was refused (0: it has no events). */
    readonly actual: number,
  ) {
    super(`Stream ${streamId} is at version ${actual}, but version ${String(expected)} was expected`);
    this.name = 'ConcurrencyError';
  }
}

/**
 * The append broke a rule a read model keeps beside the streams (a group's name in its VPC, an
 * address in its VPC, a reference to an instance or a group that must exist): a writer of
 * another stream committed first. Nothing was written; decide again, and the
 * decision now sees what that writer committed.
 */
export class ReadModelClashError extends Error {
  readonly code = 'read-model-clash';

  constructor(readonly constraint: string) {
    super(`A concurrent write took what this one needed (${constraint})`);
    this.name = 'ReadModelClashError';
  }
}

/**
 * Another request committed the same idempotency key first (the two raced). Nothing was written;
 * replay `existing` when its request hash matches, otherwise the key was reused.
 */
export class IdempotencyConflictError extends Error {
  readonly code = 'idempotency-key-in-use';

  constructor(
    readonly tenant: string,
    readonly key: string,
    readonly existing: IdempotencyRecord | undefined,
  ) {
    super(`Idempotency key ${key} of tenant ${tenant} has already been used`);
    this.name = 'IdempotencyConflictError';
  }
}

/** A feed cursor that names no stored event, so the feed cannot tell where to continue. */
export class UnknownPositionError extends Error {
  readonly code = 'unknown-position';

  constructor(readonly position: string) {
    super(`No event has position ${position}`);
    this.name = 'UnknownPositionError';
  }
}
