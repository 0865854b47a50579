import type { HistoryPoint } from '@sg/application';
import type { FieldIssue } from '@sg/domain';
import { MAX_VERSION, Query, throwIfIssues, wholeNumberParam } from '../event-query-params';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/**
 * An RFC 3339 date-time (`2026-11-27T10:00:00Z`, `2026-11-27T12:00:00.5+02:00`), or null. Stricter
 * than Date.parse, which takes 30 February and a dozen other forms.
 * Digits below the millisecond are dropped: the state at 10:00:00.123456 is the state at 10:00:00.123.
 */
export function parseRfc3339(text: string): Date | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  if (Number(m[10] ?? 0) > 23 || Number(m[11] ?? 0) > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60_000;
  // Date.UTC maps years 0-99 to 1900-1999; setUTCFullYear does not.
  const date = new Date(utc);
  if (year < 100) date.setUTCFullYear(date.getUTCFullYear() - 1900);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Exactly one of `version` and `at`; every problem with them in one 400. */
export function parseHistoryPoint(query: Query): HistoryPoint {
  const issues: FieldIssue[] = [];
  const version = wholeNumberParam(query, 'version', 1, MAX_VERSION, issues);
  let at: Date | undefined;
  if (query.at !== undefined) {
    // An unencoded `+02:00` arrives as ` 02:00` (a `+` in a query string is a space): read it as meant.
    const parsed = typeof query.at === 'string' && query.at.length <= 64 ? parseRfc3339(query.at.replace(/ (\d{2}:\d{2})$/, '+$1')) : null;
    if (parsed) at = parsed;
    else issues.push({ path: 'at', message: 'must be an RFC 3339 timestamp, like 2026-11-27T10:00:00Z' });
  }
  if (query.version !== undefined && query.at !== undefined) {
    issues.push({ path: '', message: 'give either version or at, not both' });
  } else if (query.version === undefined && query.at === undefined) {
    issues.push({ path: '', message: 'give version=<n> (the group after its event n) or at=<RFC 3339 timestamp>' });
  }
  throwIfIssues(issues);
  return version !== undefined ? { version } : { at: at! };
}
