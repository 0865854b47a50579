import { type FaceAnswer, type FaceName, type IdempotencyClaim, IdempotencyConflictError, type IdempotencyRecord } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * The idempotency records, claimed in the append's own transaction so the change and its record
 * are written together or not at all, kept per face and for `ttlMs`.
 */
export class PostgresIdempotencyRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly ttlMs: number,
  ) {}

  /**
   * Claims the keys first, in one sorted pass (two batches claiming the same keys in another
   * order cannot deadlock): a concurrent duplicate of a request then waits here and replays our
   * answer, instead of failing on the stream version and re-deciding on our result.
   */
  async claimAll(tx: EntityManager, claims: readonly IdempotencyClaim[]): Promise<void> {
    const sorted = [...claims].sort((a, b) => compareText(a.face, b.face) || compareText(a.tenant, b.tenant) || compareText(a.key, b.key));
    for (const claim of sorted) await this.claim(tx, claim);
  }

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

  private async claim(tx: EntityManager, claim: IdempotencyClaim): Promise<void> {
    const response = typeof claim.response === 'function' ? null : claim.response;
    // An expired record is taken over; a live one (committed by a concurrent duplicate that we
    // waited for on the primary key) means this request must not write anything.
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys AS k (face, tenant, key, request_hash, response)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (face, tenant, key) DO UPDATE
          SET request_hash = excluded.request_hash, response = excluded.response, created_at = now()
        WHERE k.created_at <= now() - $6::double precision * interval '1 millisecond'
       RETURNING 1`,
      [claim.face, claim.tenant, claim.key, claim.requestHash, JSON.stringify(response), this.ttlMs],
    );
    if (claimed.length === 0) {
      throw new IdempotencyConflictError(claim.tenant, claim.key, await this.find(claim.face, claim.tenant, claim.key, tx));
    }
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

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
