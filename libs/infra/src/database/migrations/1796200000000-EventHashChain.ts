import type { MigrationInterface, QueryRunner } from 'typeorm';
import { AppendFunction1796000000000 } from './1796000000000-AppendFunction';

/**
 * Tamper evidence: every event carries `hash`, chained to the previous event of its stream
 * (`previous_hash`, null for a stream's first event), computed inside `sg_append` so an append
 * stays one round trip.
 *
 * hash = hex(sha256(utf8(jsonb_build_array(previous_hash, stream_id, stream_type, version, type,
 *        schema_version, data, actor, tenant, requestId, idempotencyKey, recorded_at_ms)::text)))
 *
 * where actor, tenant, requestId and idempotencyKey are the metadata's (JSON null when absent) and
 * recorded_at_ms the recording time in whole milliseconds since the epoch (floor): exactly what the
 * export carries, so an offline verifier recomputes it from an export line (docs/audit.md gives
 * jsonb's canonical text, which the encoding relies on). `sg_event_hash` is that function.
 *
 * `sg_append` is replaced by the same function plus: the heads it reads carry their hash, each
 * planned event gets its previous hash and hash (in request order, so a batch that appends to one
 * stream twice chains within itself), and the insert stores both with `recorded_at` = now() (the
 * default it had, named so the hash and the row agree).
 *
 * Events stored before this migration are backfilled here, as the owner, with the append-only
 * trigger disabled for the statement's transaction: their chain starts from what was stored when
 * the migration ran (the migration is the point from which changes are evident).
 */
export class EventHashChain1796200000000 implements MigrationInterface {
  name = 'EventHashChain1796200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN previous_hash text, ADD COLUMN hash text`);
    await q.query(`
      CREATE FUNCTION sg_event_hash(previous_hash text, stream_id text, stream_type text, version integer, type text,
                                    schema_version integer, data jsonb, metadata jsonb, recorded_at timestamptz) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $fn$
        SELECT encode(sha256(convert_to(jsonb_build_array(previous_hash, stream_id, stream_type, version, type, schema_version, data,
                 metadata->'actor', metadata->'tenant', metadata->'requestId', metadata->'idempotencyKey',
                 floor(extract(epoch FROM recorded_at) * 1000)::bigint)::text, 'UTF8')), 'hex')
      $fn$
    `);
    // The backfill: one pass in (stream, version) order, each event chained to the one before it.
    await q.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    await q.query(`
      DO $$
      DECLARE
        ev record;
        last_stream text := NULL;
        last_hash text := NULL;
        h text;
      BEGIN
        FOR ev IN SELECT position, stream_id, stream_type, version, type, schema_version, data, metadata, recorded_at
                    FROM events ORDER BY stream_id, version LOOP
          IF last_stream IS DISTINCT FROM ev.stream_id THEN last_hash := NULL; END IF;
          h := sg_event_hash(last_hash, ev.stream_id, ev.stream_type, ev.version, ev.type, ev.schema_version, ev.data, ev.metadata, ev.recorded_at);
          UPDATE events SET previous_hash = last_hash, hash = h WHERE position = ev.position;
          last_stream := ev.stream_id;
          last_hash := h;
        END LOOP;
      END $$
    `);
    await q.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
    await q.query(appendFunctionSql());
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sg_append(jsonb)`);
    await new AppendFunction1796000000000().up(q);
    await q.query(`DROP FUNCTION sg_event_hash(text, text, text, integer, text, integer, jsonb, jsonb, timestamptz)`);
    await q.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    await q.query(`ALTER TABLE events DROP COLUMN previous_hash, DROP COLUMN hash`);
    await q.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
  }
}

/** sg_append of migration AppendFunction1796000000000, with the chain (see the class comment). */
function appendFunctionSql(): string {
  return `
      CREATE OR REPLACE FUNCTION sg_append(batch jsonb) RETURNS jsonb
        LANGUAGE plpgsql SECURITY INVOKER
        SET search_path FROM CURRENT
      AS $fn$
      #variable_conflict use_column
      DECLARE
        claim jsonb;
        request jsonb;
        lock_key integer;
        heads jsonb;
        versions jsonb := '{}';
        hashes jsonb := '{}';
        planned jsonb := '[]';
        froms jsonb := '[]';
        stored_events jsonb;
        actual integer;
        expected jsonb;
        head jsonb;
        last_position bigint;
        chained jsonb;
        ev jsonb;
        ord integer;
        previous text;
        h text;
        stamp timestamptz := now();
      BEGIN
        FOR claim IN SELECT value FROM jsonb_array_elements(COALESCE(batch->'claims', '[]')) LOOP
          INSERT INTO idempotency_keys AS k (face, tenant, key, request_hash, response)
          VALUES (claim->>'face', claim->>'tenant', claim->>'key', claim->>'requestHash', COALESCE(claim->'response', 'null'::jsonb))
          ON CONFLICT (face, tenant, key) DO UPDATE
             SET request_hash = excluded.request_hash, response = excluded.response, created_at = now()
           WHERE k.created_at <= now() - (batch->>'ttlMs')::double precision * interval '1 millisecond';
          IF NOT FOUND THEN
            RAISE EXCEPTION 'idempotency key % is taken', claim->>'key'
              USING ERRCODE = 'SG002', DETAIL = jsonb_build_object('face', claim->'face', 'tenant', claim->'tenant', 'key', claim->'key')::text;
          END IF;
        END LOOP;

        FOR lock_key IN SELECT DISTINCT hashtext(id) FROM jsonb_array_elements_text(batch->'streams') AS t(id) ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(1397161985, lock_key);
        END LOOP;

        SELECT COALESCE(jsonb_object_agg(s.id, jsonb_build_object('version', e.version, 'type', e.stream_type, 'hash', e.hash)), '{}')
          INTO heads
          FROM jsonb_array_elements_text(batch->'streams') AS s(id)
          JOIN LATERAL (SELECT ev.version, ev.stream_type, ev.hash FROM events ev
                         WHERE ev.stream_id = s.id ORDER BY ev.version DESC LIMIT 1) e ON true;

        FOR request IN SELECT value FROM jsonb_array_elements(batch->'requests') LOOP
          actual := COALESCE((versions->>(request->>'streamId'))::integer, (heads->(request->>'streamId')->>'version')::integer, 0);
          expected := request->'expected';
          IF NOT (expected = '"any"' OR (expected = '"no-stream"' AND actual = 0) OR (jsonb_typeof(expected) = 'number' AND expected::text::integer = actual)) THEN
            RAISE EXCEPTION 'stream % is at version %, not %', request->>'streamId', actual, expected
              USING ERRCODE = 'SG001', DETAIL = jsonb_build_object('streamId', request->'streamId', 'actual', actual)::text;
          END IF;
          head := heads->(request->>'streamId');
          IF head IS NOT NULL AND head->>'type' <> request->>'streamType' THEN
            RAISE EXCEPTION 'Stream % is a % stream, not %', request->>'streamId', head->>'type', request->>'streamType' USING ERRCODE = 'SG003';
          END IF;
          -- The chain: each event's previous hash is the stream's head's, or the one planned before it.
          previous := CASE WHEN hashes ? (request->>'streamId') THEN hashes->>(request->>'streamId') ELSE head->>'hash' END;
          chained := '[]';
          ord := 0;
          FOR ev IN SELECT value FROM jsonb_array_elements(request->'events') LOOP
            ord := ord + 1;
            h := sg_event_hash(previous, request->>'streamId', request->>'streamType', actual + ord, ev->>'type',
                               (ev->>'schemaVersion')::integer, ev->'data', request->'metadata', stamp);
            chained := chained || jsonb_build_array(ev || jsonb_build_object('previousHash', previous, 'hash', h));
            previous := h;
          END LOOP;
          request := request || jsonb_build_object('events', chained);
          hashes := hashes || jsonb_build_object(request->>'streamId', previous);
          planned := planned || jsonb_build_array(request || jsonb_build_object('from', actual));
          froms := froms || to_jsonb(actual);
          versions := versions || jsonb_build_object(request->>'streamId', actual + jsonb_array_length(request->'events'));
        END LOOP;

        WITH stored AS (
          INSERT INTO events AS ev (stream_id, stream_type, version, type, schema_version, data, metadata, tenant, recorded_at, previous_hash, hash)
          SELECT r.value->>'streamId', r.value->>'streamType', (r.value->>'from')::integer + e.ord::integer, e.value->>'type',
                 (e.value->>'schemaVersion')::integer, e.value->'data', r.value->'metadata', r.value->'metadata'->>'tenant',
                 stamp, e.value->>'previousHash', e.value->>'hash'
            FROM jsonb_array_elements(planned) WITH ORDINALITY AS r(value, ord)
            CROSS JOIN LATERAL jsonb_array_elements(r.value->'events') WITH ORDINALITY AS e(value, ord)
           ORDER BY r.ord, e.ord
          RETURNING ev.position, ev.transaction_id, ev.stream_id, ev.stream_type, ev.version, ev.type, ev.schema_version, ev.data, ev.metadata, ev.recorded_at, ev.previous_hash, ev.hash
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_object('position', s.position::text, 'transaction_id', s.transaction_id::text, 'stream_id', s.stream_id,
                 'stream_type', s.stream_type, 'version', s.version, 'type', s.type, 'schema_version', s.schema_version, 'data', s.data,
                 'metadata', s.metadata, 'recorded_at', s.recorded_at, 'previous_hash', s.previous_hash, 'hash', s.hash) ORDER BY s.position), '[]'),
               max(s.position)
          INTO stored_events, last_position
          FROM stored s;

        IF last_position IS NOT NULL AND batch->>'channel' IS NOT NULL THEN
          PERFORM pg_notify(batch->>'channel', last_position::text);
        END IF;
        RETURN jsonb_build_object('from', froms, 'events', stored_events);
      END
      $fn$
    `;
}
