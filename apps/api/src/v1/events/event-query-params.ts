import { MAX_STREAM_VERSION } from '@sg/application';
import type { FieldIssue } from '@sg/domain';
import { Problem } from '../../platform/http/problem';

export const MAX_VERSION = MAX_STREAM_VERSION;
export const MAX_PAGE = 1000;

export type Query = Record<string, unknown>;

/**
 * A whole number from `min` to `max`, or undefined when absent. Anything else (a repeated
 * parameter, a sign, a fraction, a huge number) is recorded in `issues` for one 400 that lists them all.
 */
export function wholeNumberParam(query: Query, name: string, min: number, max: number, issues: FieldIssue[]): number | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  const n = typeof raw === 'string' && /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!(n >= min && n <= max)) {
    issues.push({ path: name, message: `must be a whole number from ${min} to ${max}` });
    return undefined;
  }
  return n;
}

/** `after=<position>` of the feed: digits only; whether an event has that position is the store's to say. */
export function afterParam(query: Query, issues: FieldIssue[]): string {
  const raw = query.after;
  if (raw === undefined) return '0';
  if (typeof raw !== 'string' || !/^\d{1,19}$/.test(raw)) {
    issues.push({ path: 'after', message: 'must be the position of an event already read, or 0 for the start' });
    return '0';
  }
  return raw;
}

export function throwIfIssues(issues: FieldIssue[]): void {
  if (issues.length > 0) throw new Problem('validation-failed', 'Bad query parameters.', issues);
}
