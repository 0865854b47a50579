import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiHeader, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import type { FieldIssue } from '@sg/domain';
import { PROBLEMS, ProblemSlug } from './problem';

export class FieldIssueResponse {
  @ApiProperty({ example: 'rules[0].ports', description: 'Where the problem is: a path into the body (`rules[0].ports`), a query parameter, or a header name' })
  path!: string;

  @ApiProperty({ example: 'port must be an integer 1–65535' })
  message!: string;
}

/** The body of every error (RFC 9457 problem details), as `ProblemFilter` and the body parser write it. */
export class ProblemResponse {
  @ApiProperty({ enum: Object.keys(PROBLEMS), example: 'validation-failed', description: 'The problem\'s slug: what a client branches on' })
  type!: string;

  @ApiProperty({ example: 'The request is not valid' })
  title!: string;

  @ApiProperty({ example: 400, description: 'The HTTP status, repeated' })
  status!: number;

  @ApiProperty({ example: 'The request is not valid.' })
  detail!: string;

  @ApiPropertyOptional({ type: [FieldIssueResponse], description: 'Every bad field at once (validation-failed; some not-found name the missing reference)' })
  errors?: FieldIssueResponse[];

  @ApiPropertyOptional({ example: '5b0f4c1e-8d2a-4f4e-9a53-2c7d0e1f9b6a', description: 'The server\'s own id of the request (in its logs and audit trail), to quote to support' })
  requestId?: string;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 429 | 503;
/** What each error status means for one operation; the slugs it names become the documented examples. */
export type ProblemMeanings = Partial<Record<ErrorStatus, string>>;

const DETAILS: Partial<Record<ProblemSlug, { detail: string; errors?: FieldIssue[] }>> = {
  'validation-failed': { detail: 'The request is not valid.', errors: [{ path: 'rules[0].ports', message: 'port must be an integer 1–65535' }] },
  unauthorized: { detail: 'Send an API key as "Authorization: Bearer <key>".' },
  forbidden: { detail: 'This needs an operator key.' },
  'not-found': { detail: 'no security group sg-0mh2k8q1a7c1d2e3f4a5b' },
  'duplicate-rule': { detail: 'rules[0] duplicates rule sgr-0mh2k8q1a7c1d2e3f4a5c' },
  'default-group-immutable': { detail: 'The default security group\'s rules, name and existence cannot change.' },
  'group-has-rules': { detail: 'The security group still has 3 rules; delete them first.' },
  conflict: { detail: 'The VPC still has 2 instances.' },
  'version-mismatch': { detail: 'If-Match names version 6, but the resource is at version 7.' },
  'payload-too-large': { detail: 'The body is larger than 1mb.' },
  'idempotency-key-reused': { detail: 'Idempotency-Key "create-web-1" was used for a different request; use a new key.' },
  'quota-exceeded': { detail: 'A security group has at most 200 rules.' },
  'unsupported-media-type': { detail: 'A body must be JSON: send "Content-Type: application/json" (got "text/plain").' },
  'too-many-requests': { detail: 'This key may make 50 requests per second (200 at once); retry in 1 s.' },
  unavailable: { detail: 'Postgres or Redis is unreachable; nothing was written. Try again shortly.' },
};

const DEFAULT_MEANINGS: Required<ProblemMeanings> = {
  400: 'validation-failed: every bad field in errors[]',
  401: 'unauthorized: no API key, or one that is not known',
  403: 'forbidden: the route needs an operator key',
  404: 'not-found: no such resource, or another tenant\'s (never told apart)',
  409: 'conflict with the current state',
  412: 'version-mismatch: If-Match is not the resource\'s current version',
  413: 'payload-too-large: the body is over 1 MiB',
  415: 'unsupported-media-type: a body without Content-Type: application/json',
  422: 'idempotency-key-reused: the Idempotency-Key came with a different request',
  429: 'too-many-requests: over RATE_LIMIT_PER_SECOND for this key (Retry-After, RateLimit-* say when to retry)',
  503: 'unavailable: Postgres or Redis is unreachable; nothing was written',
};

/** The slugs of a status that the description mentions, or all of them when it names none. */
function slugsOf(status: ErrorStatus, description: string): ProblemSlug[] {
  const all = (Object.keys(PROBLEMS) as ProblemSlug[]).filter((slug) => PROBLEMS[slug].status === status);
  const named = all.filter((slug) => new RegExp(`(^|[^-\\w])${slug}($|[^-\\w])`).test(description));
  return named.length > 0 ? named : all;
}

function problemResponse(status: ErrorStatus, description: string, badInput: FieldIssue): MethodDecorator {
  const examples = Object.fromEntries(
    slugsOf(status, description).map((slug) => {
      const { detail, errors } = DETAILS[slug] ?? { detail: PROBLEMS[slug].title };
      const shown = slug === 'validation-failed' ? [badInput] : errors;
      return [slug, { summary: slug, value: { type: slug, title: PROBLEMS[slug].title, status, detail, ...(shown && { errors: shown }) } }];
    }),
  );
  return ApiResponse({ status, description, content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemResponse) }, examples } } });
}

/**
 * Documents an operation's errors as problem+json with examples: the statuses given, with what
 * they mean here, and those every /v1 route can answer (401, 503). `badInput` is the field issue
 * the validation-failed example shows.
 */
export function ApiProblems(meanings: ProblemMeanings = {}, badInput: FieldIssue = DETAILS['validation-failed']!.errors![0]): MethodDecorator {
  const all: ProblemMeanings = { 401: DEFAULT_MEANINGS[401], 429: DEFAULT_MEANINGS[429], 503: DEFAULT_MEANINGS[503], ...meanings };
  return applyDecorators(
    ApiExtraModels(ProblemResponse, FieldIssueResponse),
    ...(Object.entries(all) as [string, string][]).map(([status, description]) => problemResponse(Number(status) as ErrorStatus, description, badInput)),
  );
}

/**
 * A write: the Idempotency-Key (and, for existing resources, If-Match) headers, and the errors
 * every write can answer (400 for a malformed header, 412, 413, 422 idempotency-key-reused)
 * besides the operation's own.
 */
export function ApiWrite(meanings: ProblemMeanings = {}, options: { ifMatch?: boolean; body?: boolean } = {}): MethodDecorator {
  const { ifMatch = true, body = true } = options;
  const reused = DEFAULT_MEANINGS[422];
  const headerIssue: FieldIssue = ifMatch ? { path: 'If-Match', message: 'expected "<version>"' } : { path: 'Idempotency-Key', message: 'invalid header value' };
  return applyDecorators(
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying the key with the same request returns the first response and writes nothing (kept 24 h); 1–255 visible ASCII characters' }),
    ...(ifMatch ? [ApiHeader({ name: 'If-Match', required: false, description: 'The version you read, like "7": 412 version-mismatch when the resource has changed since' })] : []),
    ApiProblems(
      {
        ...(ifMatch && { 412: DEFAULT_MEANINGS[412] }),
        ...(body && { 413: DEFAULT_MEANINGS[413], 415: DEFAULT_MEANINGS[415] }),
        ...meanings,
        400: `${meanings[400] ?? DEFAULT_MEANINGS[400]}; a malformed Idempotency-Key${ifMatch ? ' or If-Match' : ''}`,
        422: meanings[422]?.includes('idempotency-key-reused') ? meanings[422] : [meanings[422], reused].filter(Boolean).join('; '),
      },
      body ? undefined : headerIssue,
    ),
  );
}
