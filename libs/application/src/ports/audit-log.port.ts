import type { FeedCheckpoint, ReadAllResult } from './event-store.port';

/** What an auditor asks of the history; every field given must match (AND). */
export interface AuditEventFilter {
  /** The actor exactly as events carry it (`demo/member#3f9a1c2e`). */
  readonly actor?: string;
  /** An event type (`security-group.rules.added`), or a family of them: `security-group.*`. */
  readonly type?: string;
  /** The resource (stream) the events belong to. */
  readonly resourceId?: string;
  /** Recorded at or after (inclusive). */
  readonly from?: Date;
  /** Recorded before (exclusive). */
  readonly to?: Date;
}

export interface AuditSearchOptions {
  /** The position of the last event already read ('0' for the start), as the feed's `after`. */
  readonly after: FeedCheckpoint | string;
  /** 1..1000. */
  readonly limit: number;
  /** Only this tenant's events; undefined: every tenant's. */
  readonly tenant?: string;
}

/**
 * Who changed what: the event history searched by actor, type, resource and time, in commit order
 * with the feed's cursor, so a reader that follows `after` never misses a matching event and never
 * sees one twice. Also the injection token.
 */
export abstract class AuditLog {
  /** Matching events after `after`, in commit order; an `after` that names no event is UnknownPositionError. */
  abstract search(filter: AuditEventFilter, options: AuditSearchOptions): Promise<ReadAllResult>;
  /** The ids of the streams of a type (a tenant's, or every tenant's) whose first event was recorded before `before`, by id. */
  abstract streamsStartedBefore(streamType: string, tenant: string | undefined, before: Date): Promise<string[]>;
}
