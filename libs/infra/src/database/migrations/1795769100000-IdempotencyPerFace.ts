import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency records are kept per face (`v1`, the console, the Neutron-compatible API): each
 * face stores its own answer, in its own format, and a key one face used means nothing to
 * another. Every record so far is a /v1 answer.
 */
export class IdempotencyPerFace1795769100000 implements MigrationInterface {
  name = 'IdempotencyPerFace1795769100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE idempotency_keys ADD COLUMN face text NOT NULL DEFAULT 'v1'`);
    await q.query(`ALTER TABLE idempotency_keys ALTER COLUMN face DROP DEFAULT`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
    await q.query(`ALTER TABLE idempotency_keys ADD PRIMARY KEY (face, tenant, key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM idempotency_keys WHERE face <> 'v1'`);
    await q.query(`ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey`);
    await q.query(`ALTER TABLE idempotency_keys ADD PRIMARY KEY (tenant, key)`);
    await q.query(`ALTER TABLE idempotency_keys DROP COLUMN face`);
  }
}
