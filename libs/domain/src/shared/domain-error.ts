/**
 * Errors the domain raises. Each carries a stable `code` that each face maps to its own error
 * (/v1: a problem+json slug); the message is for people and may change.
 */
export type DomainErrorCode =
  | 'validation-failed'
  | 'not-found'
  | 'duplicate-rule'
  | 'default-group-immutable'
  | 'group-has-rules'
  | 'quota-exceeded'
  | 'conflict'
  | 'version-mismatch'
  | 'forbidden';

export interface FieldIssue {
  /** Where the problem is, in the request's own terms: `rules[0].ports`, `applyTo.cidrs[2]`. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** Every bad field of one request, gathered before failing, so a client can fix them all at once. */
export class ValidationFailed extends DomainError {
  constructor(issues: FieldIssue[], message = 'The request is not valid.') {
    super('validation-failed', message, issues);
    this.name = 'ValidationFailed';
  }
}

/** A value object's factory failure: the reason, without a path (the caller knows where it came from). */
export class InvalidValue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidValue';
  }
}

/** Collects field issues while walking a request; throws them all together. */
export class Issues {
  readonly list: FieldIssue[] = [];

  add(path: string, message: string): void {
    this.list.push({ path, message });
  }

  /** Runs `fn`; an InvalidValue it throws becomes an issue at `path`, and the result is undefined. */
  capture<T>(path: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (e) {
      if (e instanceof InvalidValue) {
        this.add(path, e.message);
        return undefined;
      }
      throw e;
    }
  }

  get empty(): boolean {
    return this.list.length === 0;
  }

  throwIfAny(message?: string): void {
    if (!this.empty) throw new ValidationFailed(this.list, message);
  }
}
