import type { DataSource } from 'typeorm';

/**
 * The feed's horizon: the oldest transaction that may still add events to this database's store.
 * The feed returns only events of transactions below it, so nothing can later appear before what
 * a reader was given (see PostgresEventReader.readAll).
 *
 * `pg_snapshot_xmin` would do, but it is cluster-wide: one long transaction in any database on the
 * server (a report, a migration, another service's batch) would hold every database's feed back,
 * and every notification stream with it. So the horizon is the oldest transaction id held by a
 * backend of this database, or by a backend whose database is unknown (counted, to be safe):
 * each transaction holds an exclusive lock on its own id for as long as it runs, and `pg_locks`
 * shows those locks to every role. A transaction given an id below the snapshot's xmax is either
 * among the locks or finished before they were read. So the horizon is read by a statement of
 * its own, BEFORE the statement that reads events: that one's snapshot is taken later and sees
 * every transaction below the horizon that committed. (Read in the same statement, a transaction
 * committing between its snapshot and the lock read would be neither seen nor waited for: its
 * events would be skipped for ever.) Without any transaction running the horizon is the
 * snapshot's xmax.
 *
 * `pg_locks` shows 32-bit ids: each is widened to the 64-bit `xid8` of the events' transaction_id
 * by its distance to the snapshot's xmax (running transactions are within 2^31 of it).
 *
 * It must run outside an explicit transaction (as every feed read does): `pg_stat_activity` is
 * read once per transaction and would otherwise be stale.
 */
export const FEED_HORIZON_SQL = `(
  SELECT CASE WHEN pg_snapshot_xmin(s.snap) = pg_snapshot_xmax(s.snap) THEN pg_snapshot_xmax(s.snap)
    ELSE LEAST(s.xmax, (
      SELECT min(s.xmax + (((l.transactionid::text::bigint - (s.xmax & 4294967295)) + 6442450944) % 4294967296 - 2147483648))
        FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'transactionid' AND l.mode = 'ExclusiveLock' AND l.granted
         AND (a.datname IS NULL OR a.datname = current_database())
    ))::text::xid8 END
    FROM (SELECT snap, pg_snapshot_xmax(snap)::text::bigint AS xmax FROM pg_current_snapshot() AS snap) s
)`;

/** The horizon, as xid8 text: read it, then read the feed below it in a later statement. */
export async function readFeedHorizon(db: DataSource): Promise<string> {
  const [row]: { horizon: string }[] = await db.query(`SELECT ${FEED_HORIZON_SQL}::text AS horizon`);
  return row.horizon;
}
