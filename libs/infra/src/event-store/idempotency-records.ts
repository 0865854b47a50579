import type { FaceAnswer, FaceName, IdempotencyRecord } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The idempotency records, kept per face and for `ttlMs`. They are claimed by the append itself
 * (`sg_append`, keys first: a concurrent duplicate waits on them and then replays our answer
 * instead of failing on the stream version), so the change and its record are written together
 * or not at all; an answer computed from the result is stored here, in the same transaction.
 */
export class PostgresIdempotencyRecords {
  constructor(
    private readonly dataSource: DataSource,
    readonly ttlMs: number,
  ) {}

  /** Stores the answers that depended on what the append stored. */
  async answer(tx: EntityManager, answered: readonly { face: FaceName; tenant: string; key: string; response: FaceAnswer }[]): Promise<void> {
    if (answered.length === 0) return;
    await tx.query(
      `UPDATE idempotency_keys AS k SET response = a.response
         FROM jsonb_to_recordset($1::jsonb) AS a(face text, tenant text, key text, response jsonb)
        WHERE k.face = a.face AND k.tenant = a.tenant AND k.key = a.key`,
      [JSON.stringify(answered)],
    );
  }

  async find(
    face: FaceName,
    tenant: string,
    key: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdempotencyRecord | undefined> {
    const rows: { face: string; tenant: string; key: string; request_hash: string; response: FaceAnswer; created_at: Date }[] = await manager.query(
      `SELECT face, tenant, key, request_hash, response, created_at FROM idempotency_keys
        WHERE face = $1 AND tenant = $2 AND key = $3 AND created_at > now() - $4::double precision * interval '1 millisecond'`,
      [face, tenant, key, this.ttlMs],
    );
    const row = rows[0];
    return row && { face: row.face, tenant: row.tenant, key: row.key, requestHash: row.request_hash, response: row.response, createdAt: row.created_at };
  }

  /** Deletes records past the retention period; returns how many. For the retention job. */
  async purgeExpired(): Promise<number> {
    const rows: { deleted: number }[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM idempotency_keys
                      WHERE created_at <= now() - $1::double precision * interval '1 millisecond' RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [this.ttlMs],
    );
    return rows[0].deleted;
  }
}
