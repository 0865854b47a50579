import { type AuditEventFilter, ID_PATTERN } from '@sg/application';
import type { FieldIssue } from '@sg/domain';
import { afterParam, MAX_PAGE, type Query, throwIfIssues, wholeNumberParam } from '../../events/event-query-params';
import { parseRfc3339 } from '../../events/get-group-history/history-params';

/** An event type, or a family of them ending in `.*`: `security-group.rules.added`, `security-group.*`. */
const EVENT_TYPE = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)*(?:\.\*)?$/;
const CONTROL = /[\u0000-\u001f\u007f]/;

export interface AuditEventsRequest {
  filter: AuditEventFilter;
  after: string;
  limit: number;
}

/** The one string a parameter was given, or undefined when absent; a repeated parameter is an issue. */
function single(query: Query, name: string, issues: FieldIssue[]): string | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string') {
    issues.push({ path: name, message: 'give it once, as a plain value' });
    return undefined;
  }
  return raw;
}

function timeParam(query: Query, name: 'from' | 'to', issues: FieldIssue[]): Date | undefined {
  const raw = single(query, name, issues);
  if (raw === undefined) return undefined;
  // An unencoded `+02:00` arrives as ` 02:00` (a `+` in a query string is a space): read it as meant.
  const parsed = raw.length <= 64 ? parseRfc3339(raw.replace(/ (\d{2}:\d{2})$/, '+$1')) : null;
  if (!parsed) issues.push({ path: name, message: 'must be an RFC 3339 timestamp, like 2026-11-27T10:00:00Z' });
  return parsed ?? undefined;
}

/**
 * `GET /v1/audit/events`' query: the filters (each optional, all must match), and the feed's
 * `after` and `limit`. Every problem in one 400 naming each bad parameter.
 */
export function parseAuditEventsQuery(query: Query): AuditEventsRequest {
  const issues: FieldIssue[] = [];
  const filter: { -readonly [K in keyof AuditEventFilter]: AuditEventFilter[K] } = {};

  const actor = single(query, 'actor', issues);
  if (actor !== undefined) {
    if (actor.length >= 1 && actor.length <= 256 && !CONTROL.test(actor)) filter.actor = actor;
    else issues.push({ path: 'actor', message: 'must be an actor as events show it (1–256 characters), like demo/member#3f9a1c2e' });
  }
  const type = single(query, 'type', issues);
  if (type !== undefined) {
    if (type.length <= 128 && EVENT_TYPE.test(type)) filter.type = type;
    else issues.push({ path: 'type', message: 'must be an event type, like security-group.rules.added, or a family of them, like security-group.*' });
  }
  const resourceId = single(query, 'resourceId', issues);
  if (resourceId !== undefined) {
    if (ID_PATTERN.test(resourceId)) filter.resourceId = resourceId;
    else issues.push({ path: 'resourceId', message: 'must be a resource id, like sg-0mh2k8q1a7c1d2e3f4a5b' });
  }
  const from = timeParam(query, 'from', issues);
  const to = timeParam(query, 'to', issues);
  if (from) filter.from = from;
  if (to) filter.to = to;
  if (from && to && from.getTime() > to.getTime()) issues.push({ path: 'to', message: 'must not be before from' });

  const after = afterParam(query, issues);
  const limit = wholeNumberParam(query, 'limit', 1, MAX_PAGE, issues) ?? 100;
  throwIfIssues(issues);
  return { filter, after, limit };
}
