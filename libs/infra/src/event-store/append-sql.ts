import type { EventRegistry, StoredEvent } from '@sg/application';
import type { EntityManager } from 'typeorm';
import type { StreamHead } from './append-plan';
import { byPosition, EVENT_COLUMNS, type EventRow, toStoredEvent } from './event-row';

/**
 * First key of the two-key advisory locks on streams; the two-key space never meets the one-key
 * space that other code (the worker's leader lock) uses.
 */
const STREAM_LOCK_NAMESPACE = 0x53470001;

/**
 * Serialises appenders per stream, from reading the version to commit. Without it an `'any'`
 * append could clash with a concurrent one on the unique (stream, version) and fail although it
 * expected nothing. Locks are taken in one sorted pass so two multi-stream appends cannot
 * deadlock. The unique constraint stays the guard against writers that bypass this store.
 */
export async function lockStreams(tx: EntityManager, streamIds: readonly string[]): Promise<void> {
  await tx.query(
    `WITH keys AS MATERIALIZED (SELECT DISTINCT hashtext(id) AS key FROM unnest($1::text[]) AS t(id) ORDER BY key)
     SELECT count(pg_advisory_xact_lock(${STREAM_LOCK_NAMESPACE}, key)) FROM keys`,
    [streamIds],
  );
}

/** One index probe per stream (the latest row), not a scan of each stream. */
export async function streamHeads(manager: EntityManager, streamIds: readonly string[]): Promise<Map<string, StreamHead>> {
  const rows: { stream_id: string; version: number; stream_type: string }[] = await manager.query(
    `SELECT s.stream_id, e.version, e.stream_type
       FROM unnest($1::text[]) AS s(stream_id)
       JOIN LATERAL (SELECT version, stream_type FROM events
                      WHERE events.stream_id = s.stream_id ORDER BY version DESC LIMIT 1) e ON true`,
    [streamIds],
  );
  return new Map(rows.map((row) => [row.stream_id, { version: row.version, streamType: row.stream_type }]));
}

/** Inserts the rows and reads them back as stored (positions and transaction id), upcast to the current shapes. */
export async function insertEvents(tx: EntityManager, rows: readonly object[], registry: EventRegistry): Promise<StoredEvent[]> {
  // One statement for every stream and unit; ORDER BY ord hands out positions in request order.
  const inserted: EventRow[] = await tx.query(
    `INSERT INTO events (stream_id, stream_type, version, type, schema_version, data, metadata, tenant)
     SELECT e->>'streamId', e->>'streamType', (e->>'version')::int, e->>'type', (e->>'schemaVersion')::int,
            e->'data', e->'metadata', e->'metadata'->>'tenant'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
      ORDER BY ord
     RETURNING ${EVENT_COLUMNS}`,
    [JSON.stringify(rows)],
  );
  return inserted.map((row) => registry.upcast(toStoredEvent(row))).sort(byPosition);
}
