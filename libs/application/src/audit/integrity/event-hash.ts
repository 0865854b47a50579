import { createHash } from 'node:crypto';
import { jsonbText } from './canonical-json';

/** What an event's hash covers: the fields of an exported event (GET /v1/events/export). */
export interface HashedEvent {
  readonly streamId: string;
  readonly streamType: string;
  readonly version: number;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: { readonly actor: string; readonly tenant: string; readonly requestId?: string | null; readonly idempotencyKey?: string | null };
  /** ISO 8601 with milliseconds, or a Date. */
  readonly recordedAt: string | Date;
  readonly previousHash: string | null;
  /** When the event was upcast on reading: its schema version and data as stored. */
  readonly stored?: { readonly schemaVersion: number; readonly data: unknown };
}

/**
 * The hash `sg_event_hash` computes inside the append (migration EventHashChain1796200000000):
 * hex SHA-256 of the UTF-8 jsonb text of
 * [previousHash, streamId, streamType, version, type, schemaVersion, data, actor, tenant,
 *  requestId, idempotencyKey, recordedAt in whole milliseconds since the epoch].
 */
export function eventHash(event: HashedEvent): string {
  const m = event.metadata;
  const recordedAt = event.recordedAt instanceof Date ? event.recordedAt.getTime() : Date.parse(event.recordedAt);
  const input = [
    event.previousHash,
    event.streamId,
    event.streamType,
    event.version,
    event.type,
    event.stored?.schemaVersion ?? event.schemaVersion,
    event.stored ? event.stored.data : event.data,
    m.actor ?? null,
    m.tenant ?? null,
    m.requestId ?? null,
    m.idempotencyKey ?? null,
    recordedAt,
  ];
  return sha256Hex(jsonbText(input));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
