import { type NewNotification, type NotificationKind, NotificationLog, type NotificationRecord } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { ChannelListener } from '../database/channel-listener';

export const NOTIFICATIONS_CHANNEL = 'notifications_added';

export async function insertNotifications(m: EntityManager, rows: readonly NewNotification[]): Promise<void> {
  if (rows.length === 0) return;
  await m.query(
    `INSERT INTO notifications (source_position, tenant, kind, operation_id, status, operation, finding_id, finding)
     SELECT (r->>'sourcePosition')::bigint, r->>'tenant', r->>'kind', r->'operation'->>'id', r->'operation'->>'status', r->'operation',
            COALESCE(r->'finding'->>'id', ''), r->'finding'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(r, n) ORDER BY n
     ON CONFLICT (source_position, finding_id) DO NOTHING`,
    [JSON.stringify(rows)],
  );
  await m.query(`SELECT pg_notify($1, '')`, [NOTIFICATIONS_CHANNEL]);
}

export async function listNotifications(m: EntityManager, tenant: string | null, after: string, limit: number, kinds: readonly NotificationKind[]): Promise<NotificationRecord[]> {
  return m.query(
    `SELECT id::text AS id, tenant, kind, operation, finding FROM notifications WHERE id > $1 AND ($2::text IS NULL OR tenant = $2) AND kind = ANY ($4::text[]) ORDER BY id LIMIT $3`,
    [after, tenant, limit, kinds],
  ).then((rows: { id: string; tenant: string; kind: NotificationRecord['kind']; operation: unknown; finding: unknown }[]) =>
    rows.map((r): NotificationRecord => (r.kind === 'operation' ? { id: r.id, tenant: r.tenant, kind: r.kind, operation: r.operation as never } : { id: r.id, tenant: r.tenant, kind: r.kind, finding: r.finding as never })),
  );
}

export class PostgresNotificationLog extends NotificationLog {
  private readonly added: ChannelListener;

  constructor(
    private readonly ds: DataSource,
    url: string,
    onProblem?: (message: string) => void,
  ) {
    super();
    this.added = new ChannelListener(url, NOTIFICATIONS_CHANNEL, 'security-groups-notifications', onProblem);
  }

  append(notifications: readonly NewNotification[]): Promise<void> {
    return insertNotifications(this.ds.manager, notifications);
  }

  list(tenant: string | null, after: string, limit: number, kinds: readonly NotificationKind[]): Promise<NotificationRecord[]> {
    return listNotifications(this.ds.manager, tenant, after, limit, kinds);
  }

  async latestId(tenant: string | null): Promise<string> {
    const [row]: { id: string }[] = await this.ds.query(`SELECT COALESCE(MAX(id), 0)::text AS id FROM notifications WHERE ($1::text IS NULL OR tenant = $1)`, [tenant]);
    return row.id;
  }

  subscribe(listener: () => void): () => void {
    return this.added.subscribe(listener);
  }

  async purgeOlderThan(olderThanMs: number): Promise<number> {
    const [row]: { deleted: number }[] = await this.ds.query(
      `WITH gone AS (DELETE FROM notifications WHERE created_at < now() - $1::double precision * interval '1 millisecond' RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [olderThanMs],
    );
    return row.deleted;
  }

  close(): Promise<void> {
    return this.added.close();
  }
}
