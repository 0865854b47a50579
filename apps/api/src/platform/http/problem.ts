import type { FieldIssue } from '@sg/domain';

/** The problem slugs of the /v1 contract (the `type` of every error), with their status codes. */
export const PROBLEMS = {
  'validation-failed': { status: 400, title: 'The request is not valid' },
  unauthorized: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Not allowed for this role' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  'duplicate-rule': { status: 409, title: 'The rule already exists' },
  'default-group-immutable': { status: 409, title: 'The default security group cannot be changed' },
  'group-has-rules': { status: 409, title: 'The security group still has rules' },
  conflict: { status: 409, title: 'Conflict with the current state' },
  'version-mismatch': { status: 412, title: 'The resource has changed' },
  'request-timeout': { status: 408, title: 'The request took too long to arrive' },
  'payload-too-large': { status: 413, title: 'The request body is too large' },
  'unsupported-media-type': { status: 415, title: 'The request body must be JSON' },
  'idempotency-key-reused': { status: 422, title: 'The idempotency key was used for another request' },
  'quota-exceeded': { status: 422, title: 'A limit would be passed' },
  'too-many-requests': { status: 429, title: 'Too many requests for this key; wait as Retry-After says' },
  'headers-too-large': { status: 431, title: 'The request headers are too large' },
  unavailable: { status: 503, title: 'A backing service is unavailable; nothing was written' },
  'internal-error': { status: 500, title: 'Internal error' },
} as const;

export type ProblemSlug = keyof typeof PROBLEMS;

export interface ProblemBody {
  type: ProblemSlug;
  title: string;
  status: number;
  detail: string;
  errors?: FieldIssue[];
  requestId?: string;
}

/** An HTTP-level failure raised by the API itself (auth, idempotency, preconditions). */
export class Problem extends Error {
  constructor(
    readonly slug: ProblemSlug,
    readonly detail: string,
    readonly errors: FieldIssue[] = [],
  ) {
    super(detail);
    this.name = 'Problem';
  }
}

export function problemBody(slug: ProblemSlug, detail: string, errors: FieldIssue[] = [], requestId?: string): ProblemBody {
  const { status, title } = PROBLEMS[slug];
  return { type: slug, title, status, detail, ...(errors.length > 0 && { errors }), ...(requestId && { requestId }) };
}
