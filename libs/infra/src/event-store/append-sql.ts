import type { AppendUnit } from '@sg/application';
import type { EntityManager } from 'typeorm';
import type { StreamHead } from './append-plan';
import type { EventRow } from './event-row';

/** What `sg_append` answers: the version each request found (in request order), and the stored rows. */
export interface AppendCallResult {
  from: number[];
  events: EventRow[];
}

/**
 * The argument of `sg_append` (migration AppendFunction1796000000000) for a batch: the keys to
 * claim in one sorted pass (two batches claiming the same keys in another order cannot
 * deadlock), the streams to lock, every request in order with its unit's metadata, and rows that
 * name their schema version: the event's own, or the newest the registry knows. With `channel`,
 * the function NOTIFYs it in the append's transaction (the store does not: see its announce).
 */
export function appendCall(units: readonly AppendUnit[], currentVersion: (type: string) => number, ttlMs: number, channel: string | null): string {
  const claims = units
    .flatMap((unit) => (unit.options?.idempotency ? [unit.options.idempotency] : []))
    .sort((a, b) => compareText(a.face, b.face) || compareText(a.tenant, b.tenant) || compareText(a.key, b.key))
    .map((claim) => ({
      face: claim.face,
      tenant: claim.tenant,
      key: claim.key,
      requestHash: claim.requestHash,
      // An answer that depends on the result is stored once the append has run (null until then).
      response: typeof claim.response === 'function' ? null : claim.response,
    }));
  const requests = units.flatMap((unit) =>
    unit.requests.map((request) => ({
      streamId: request.streamId,
      streamType: request.streamType,
      expected: request.expectedVersion,
      metadata: unit.metadata,
      events: request.events.map((event) => ({ type: event.type, schemaVersion: event.schemaVersion ?? currentVersion(event.type), data: event.data })),
    })),
  );
  const streams = [...new Set(requests.map((request) => request.streamId))];
  return JSON.stringify({ ttlMs, claims, streams, requests, channel });
}

/** The DETAIL of one of sg_append's refusals (a JSON object), or {}. */
export function detailOf(error: unknown): Record<string, unknown> {
  const source = (error as { driverError?: { detail?: unknown }; detail?: unknown } | null) ?? {};
  const detail = source.driverError?.detail ?? source.detail;
  if (typeof detail !== 'string') return {};
  try {
    return JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return {};
  }
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

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
