import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event store: the append-only events table (also the outbox the relay reads), idempotency
 * records, and the checkpoints of feed readers.
 */
export class EventStore1795768528786 implements MigrationInterface {
  name = 'EventStore1795768528786';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE events (
        position       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- The writer's top-level transaction: readers order and checkpoint by (transaction_id,
        -- position) and stop below the oldest running transaction, so a late commit is never skipped.
        transaction_id xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id      text        NOT NULL,
        stream_type    text        NOT NULL,
        version        integer     NOT NULL,
        type           text        NOT NULL,
        schema_version integer     NOT NULL DEFAULT 1,
        data           jsonb       NOT NULL,
        metadata       jsonb       NOT NULL,
        -- A column rather than metadata->>'tenant' so the tenant's feed has a plain index.
        tenant         text        NOT NULL,
        recorded_at    timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT events_stream_version_uq UNIQUE (stream_id, version),
        CONSTRAINT events_version_positive CHECK (version > 0),
        CONSTRAINT events_schema_version_positive CHECK (schema_version > 0),
        CONSTRAINT events_metadata_is_object CHECK (jsonb_typeof(metadata) = 'object')
      )
    `);
    await queryRunner.query(`CREATE INDEX events_feed_idx ON events (transaction_id, position)`);
    await queryRunner.query(`CREATE INDEX events_tenant_feed_idx ON events (tenant, transaction_id, position)`);

    // Statement-level, so even an UPDATE or DELETE that matches no row is refused: the intent is the bug.
    await queryRunner.query(`
      CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only: % on table events is not allowed', TG_OP
          USING ERRCODE = 'restrict_violation',
                HINT = 'Correct a past event by appending a new one.';
      END
      $$
    `);
    await queryRunner.query(`
      CREATE TRIGGER events_append_only
        BEFORE UPDATE OR DELETE OR TRUNCATE ON events
        FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change()
    `);

    await queryRunner.query(`
      CREATE TABLE idempotency_keys (
        tenant       text        NOT NULL,
        key          text        NOT NULL,
        request_hash text        NOT NULL,
        -- What the first request answered (status code, the headers worth replaying, body).
        response     jsonb       NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant, key)
      )
    `);
    await queryRunner.query(`CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at)`);

    await queryRunner.query(`
      CREATE TABLE checkpoints (
        name           text        PRIMARY KEY,
        transaction_id xid8        NOT NULL,
        position       bigint      NOT NULL,
        updated_at     timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE checkpoints`);
    await queryRunner.query(`DROP TABLE idempotency_keys`);
    await queryRunner.query(`DROP TABLE events`);
    await queryRunner.query(`DROP FUNCTION events_reject_change()`);
  }
}
