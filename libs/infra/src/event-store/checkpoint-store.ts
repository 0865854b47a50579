import { FEED_START, type FeedCheckpoint, FeedCheckpoints } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Where each named feed reader (relay, subscriber) stands. Save it in the same transaction as the
 * reader's own writes when it has any, or after its side effect is durable (the relay: after
 * Redis has the jobs), so a crash re-reads rather than loses.
 */
export class PostgresCheckpointStore extends FeedCheckpoints {
  constructor(private readonly dataSource: DataSource) {
    super();
  }

  async load(name: string, manager: EntityManager = this.dataSource.manager): Promise<FeedCheckpoint> {
    const rows: { transaction_id: string; position: string }[] = await manager.query(
      `SELECT transaction_id::text AS transaction_id, position::text AS position FROM checkpoints WHERE name = $1`,
      [name],
    );
    return rows[0] ? { transactionId: rows[0].transaction_id, position: rows[0].position } : FEED_START;
  }

  /**
   * Never moves a checkpoint backwards: two replicas of a reader that raced over the same batch
   * must not make the later one re-deliver. To replay from an earlier point, delete the row.
   */
  async lag(name: string, streamType: string, limit: number): Promise<{ events: number; seconds: number }> {
    const rows: { events: number; seconds: number }[] = await this.dataSource.query(
      `WITH c AS (SELECT COALESCE(max(transaction_id), '0'::xid8) AS t, COALESCE(max(position), 0) AS p FROM checkpoints WHERE name = $1)
       SELECT count(*)::int AS events, COALESCE(EXTRACT(EPOCH FROM now() - min(recorded_at)), 0)::float8 AS seconds
         FROM (SELECT e.recorded_at FROM events e, c WHERE e.stream_type = $2 AND (e.transaction_id, e.position) > (c.t, c.p) LIMIT $3) lagging`,
      [name, streamType, limit],
    );
    return { events: rows[0].events, seconds: Math.max(0, Number(rows[0].seconds)) };
  }

  async save(name: string, checkpoint: FeedCheckpoint, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(
      `INSERT INTO checkpoints AS c (name, transaction_id, position) VALUES ($1, $2::xid8, $3::bigint)
       ON CONFLICT (name) DO UPDATE
          SET transaction_id = excluded.transaction_id, position = excluded.position, updated_at = now()
        WHERE (c.transaction_id, c.position) < (excluded.transaction_id, excluded.position)`,
      [name, checkpoint.transactionId, checkpoint.position],
    );
  }
}
