import { NOTIFICATION_KINDS, type NotificationKind } from '@sg/application';
import { Problem } from '../../platform/http/problem';

/** `after` / `Last-Event-ID`: a notification id (0 = from the first). */
export function parseNotificationId(raw: unknown, name: string): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{1,18}$/.test(raw.trim())) {
    throw new Problem('validation-failed', `${name} must be a notification id.`, [{ path: name, message: 'must be a whole number' }]);
  }
  return BigInt(raw.trim()).toString();
}

/**
 * `kinds`: which notifications, a comma list of `operation` and `finding.opened`. Absent: operations
 * only — what a client written before findings existed (or one that only follows its changes)
 * expects, every item an operation; the console asks for both.
 */
export function parseNotificationKinds(raw: unknown): NotificationKind[] {
  if (raw === undefined || raw === null || raw === '') return ['operation'];
  const names = typeof raw === 'string' ? raw.split(',').map((k) => k.trim()) : [];
  const unknown = names.filter((k) => !(NOTIFICATION_KINDS as readonly string[]).includes(k));
  if (names.length === 0 || unknown.length > 0 || typeof raw !== 'string') {
    throw new Problem('validation-failed', `kinds must be a comma list of ${NOTIFICATION_KINDS.join(', ')}.`, [{ path: 'kinds', message: `must be among ${NOTIFICATION_KINDS.join(', ')}` }]);
  }
  return [...new Set(names)] as NotificationKind[];
}
