import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sg_append(batch jsonb)`: an append in one statement, so one round trip when nothing else has
 * to run in its transaction. In order: claims the idempotency keys (sorted by the caller), takes
 * the streams' advisory locks (one sorted pass), reads the streams' heads, checks every request's
 * expected version against the version the requests before it leave, inserts every event in one
 * statement (positions in request order), and, when the batch names a `channel`, NOTIFYs it
 * (delivered on commit; the event store announces its appends after the commit instead, see
 * PostgresEventStore.announce).
 * Returns {"from": [the version each request found], "events": [the stored rows, position and
 * transaction id as text, in position order]}.
 *
 * Refusals are errors with codes of their own, which the event store turns back into its errors:
 * SG001 a stream is not at the expected version (DETAIL: {"streamId","actual"}), SG002 a live
 * idempotency record holds a key (DETAIL: {"face","tenant","key"}), SG003 a stream is of another
 * type. SECURITY INVOKER: it runs with the caller's rights, so a role that may insert events and
 * idempotency records may call it (GRANT EXECUTE), and no other.
 *
 * The batch: {"ttlMs", "claims": [{face, tenant, key, requestHash, response}], "streams": [ids],
 * "requests": [{streamId, streamType, expected: "any"|"no-stream"|n, metadata, events: [{type,
 * schemaVersion, data}]}], "channel"}.
 */
export class AppendFunction1796000000000 implements MigrationInterface {
  name = 'AppendFunction1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sg_append(batch jsonb) RETURNS jsonb
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
        planned jsonb := '[]';
        froms jsonb := '[]';
        stored_events jsonb;
        actual integer;
        expected jsonb;
        head jsonb;
        last_position bigint;
      BEGIN
        -- 1. Idempotency keys, first: a concurrent duplicate waits here on the primary key, then
        --    finds our record. An expired record is taken over.
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

        -- 2. The streams' locks, in one sorted pass (two appends to the same streams cannot deadlock).
        FOR lock_key IN SELECT DISTINCT hashtext(id) FROM jsonb_array_elements_text(batch->'streams') AS t(id) ORDER BY 1 LOOP
          PERFORM pg_advisory_xact_lock(1397161985, lock_key);
        END LOOP;

        -- 3. The heads, read after the locks (READ COMMITTED: this statement sees every commit before it).
        SELECT COALESCE(jsonb_object_agg(s.id, jsonb_build_object('version', e.version, 'type', e.stream_type)), '{}')
          INTO heads
          FROM jsonb_array_elements_text(batch->'streams') AS s(id)
          JOIN LATERAL (SELECT ev.version, ev.stream_type FROM events ev
                         WHERE ev.stream_id = s.id ORDER BY ev.version DESC LIMIT 1) e ON true;

        -- 4. Each request on the stream as the requests before it leave it.
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
          planned := planned || jsonb_build_array(request || jsonb_build_object('from', actual));
          froms := froms || to_jsonb(actual);
          versions := versions || jsonb_build_object(request->>'streamId', actual + jsonb_array_length(request->'events'));
        END LOOP;

        -- 5. Every event in one statement; ORDER BY hands out positions in request order.
        WITH stored AS (
          INSERT INTO events AS ev (stream_id, stream_type, version, type, schema_version, data, metadata, tenant)
          SELECT r.value->>'streamId', r.value->>'streamType', (r.value->>'from')::integer + e.ord::integer, e.value->>'type',
                 (e.value->>'schemaVersion')::integer, e.value->'data', r.value->'metadata', r.value->'metadata'->>'tenant'
            FROM jsonb_array_elements(planned) WITH ORDINALITY AS r(value, ord)
            CROSS JOIN LATERAL jsonb_array_elements(r.value->'events') WITH ORDINALITY AS e(value, ord)
           ORDER BY r.ord, e.ord
          RETURNING ev.position, ev.transaction_id, ev.stream_id, ev.stream_type, ev.version, ev.type, ev.schema_version, ev.data, ev.metadata, ev.recorded_at
        )
        SELECT COALESCE(jsonb_agg(jsonb_build_object('position', s.position::text, 'transaction_id', s.transaction_id::text, 'stream_id', s.stream_id,
                 'stream_type', s.stream_type, 'version', s.version, 'type', s.type, 'schema_version', s.schema_version, 'data', s.data,
                 'metadata', s.metadata, 'recorded_at', s.recorded_at) ORDER BY s.position), '[]'),
               max(s.position)
          INTO stored_events, last_position
          FROM stored s;

        -- 6. Delivered on commit only, so a woken reader finds the events; the payload is the last position.
        IF last_position IS NOT NULL AND batch->>'channel' IS NOT NULL THEN
          PERFORM pg_notify(batch->>'channel', last_position::text);
        END IF;
        RETURN jsonb_build_object('from', froms, 'events', stored_events);
      END
      $fn$
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sg_append(jsonb)`);
  }
}
