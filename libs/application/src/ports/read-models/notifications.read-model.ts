import type { Operation } from '@sg/domain';
import type { FindingRecord } from './findings.read-model';

/** What a notification reports: an operation's status change, or a finding that opened. */
export type NotificationPayload = { kind: 'operation'; operation: Operation } | { kind: 'finding.opened'; finding: FindingRecord };

export type NotificationRecord = { id: string; tenant: string } & NotificationPayload;

/** The kinds of notification, as `kind` names them. */
export const NOTIFICATION_KINDS = ['operation', 'finding.opened'] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export type NewNotification = {
  /** The position of the event it reports: at most one notification per event (and finding). */
  sourcePosition: string;
  tenant: string;
} & NotificationPayload;

/**
 * Operation status changes and findings that opened, as consoles follow them, numbered in delivery order. Written by the
 * relay only (one writer, in commit order), so ids grow in the order notifications are sent.
 */
export abstract class NotificationLog {
  /** Adds each notification once (a re-sent event adds nothing) and wakes the subscribers. */
  abstract append(notifications: readonly NewNotification[]): Promise<void>;

  /** After `after` ('0': from the start), oldest first, of the given kinds; tenant null: every tenant. */
  abstract list(tenant: string | null, after: string, limit: number, kinds: readonly NotificationKind[]): Promise<NotificationRecord[]>;

  /** The id of the newest notification ('0' when there is none). */
  abstract latestId(tenant: string | null): Promise<string>;

  /** Calls `listener` whenever notifications may have been added, by any process; returns how to stop. */
  abstract subscribe(listener: () => void): () => void;

  /** Deletes notifications older than `olderThanMs`; returns how many. */
  abstract purgeOlderThan(olderThanMs: number): Promise<number>;
}
