import { Problem } from '../../platform/http/problem';

/** `after` / `Last-Event-ID`: a notification id (0 = from the first). */
export function parseNotificationId(raw: unknown, name: string): string | null {
  if (raw === undefined || raw === null || raw === '') return null;
  if (typeof raw !== 'string' || !/^\d{1,18}$/.test(raw.trim())) {
    throw new Problem('validation-failed', `${name} must be a notification id.`, [{ path: name, message: 'must be a whole number' }]);
  }
  return BigInt(raw.trim()).toString();
}
