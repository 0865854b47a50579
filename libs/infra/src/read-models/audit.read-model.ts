import type { EntityManager } from 'typeorm';

/**
 * The operation a resource's `propagation` followed at a past instant: the newest one opened at or
 * before it. Operations share the clock of the change that opened them (`createdAt` is the
 * change's `at`), so the comparison is on that clock.
 */
export async function latestOperationIdAsOf(m: EntityManager, resourceId: string, instant: Date): Promise<string | null> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM rm_operations WHERE resource_id = $1 AND created_at <= $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [resourceId, instant],
  );
  return rows[0]?.id ?? null;
}

/**
 * The first transaction id not yet handed out: every event of a transaction that had begun by now
 * has a smaller one. An export stops there, so it ends at the feed as it stood when it was asked
 * for instead of chasing writers for ever; the feed's (transaction id, position) order puts every
 * later transaction after that point.
 */
export async function feedHorizon(m: EntityManager): Promise<string> {
  const [row]: { horizon: string }[] = await m.query(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon`);
  return row.horizon;
}
