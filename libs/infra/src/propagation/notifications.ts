import type { Operation } from '@sg/domain';
import type { EntityManager } from 'typeorm';

export const NOTIFICATIONS_CHANNEL = 'notifications_added';

export interface NotificationRecord {
  id: string;
  tenant: string;
  operation: Operation;
}

/** Written by the relay only (one writer, in commit order), so ids grow in delivery order. */
export async function insertNotifications(
  m: EntityManager,
  rows: readonly { sourcePosition: string; tenant: string; operation: Operation }[],
): Promise<void> {
  if (rows.length === 0) return;
  await m.query(
    `INSERT INTO notifications (source_position, tenant, operation_id, status, operation)
     SELECT (r->>'sourcePosition')::bigint, r->>'tenant', r->'operation'->>'id', r->'operation'->>'status', r->'operation'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY n
     ON CONFLICT (source_position) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  await m.query(`SELECT pg_notify($1, '')`, [NOTIFICATIONS_CHANNEL]);
}

/** Notifications after `after` (0: from the start), oldest first; tenant null: every tenant. */
export async function listNotifications(m: EntityManager, tenant: string | null, after: string, limit: number): Promise<NotificationRecord[]> {
  const rows: { id: string; tenant: string; operation: Operation }[] = await m.query(
    `SELECT id::text AS id, tenant, operation FROM notifications WHERE id > $1 AND ($2::text IS NULL OR tenant = $2) ORDER BY id LIMIT $3`,
    [after, tenant, limit],
  );
  return rows;
}
