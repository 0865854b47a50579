import type { EventMetadata, StoredEvent } from '@sg/application';

/**
 * The columns every read selects. Positions and transaction ids are cast to text here rather than
 * trusting pg's int8 parser, which another DataSource with `parseInt8` would switch process-wide.
 */
export const EVENT_COLUMNS = `position::text AS position, transaction_id::text AS transaction_id, stream_id,
  stream_type, version, type, schema_version, data, metadata, recorded_at, previous_hash, hash`;

export interface EventRow {
  position: string;
  transaction_id: string;
  stream_id: string;
  stream_type: string;
  version: number;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
  previous_hash?: string | null;
  hash?: string | null;
}

export function toStoredEvent(row: EventRow): StoredEvent {
  return {
    position: row.position,
    transactionId: row.transaction_id,
    streamId: row.stream_id,
    streamType: row.stream_type,
    version: row.version,
    type: row.type,
    schemaVersion: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at,
    hash: row.hash ?? null,
    previousHash: row.previous_hash ?? null,
  };
}

export function byPosition(a: StoredEvent, b: StoredEvent): number {
  const left = BigInt(a.position);
  const right = BigInt(b.position);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The pg error a TypeORM QueryFailedError wraps (it also copies its fields onto itself). */
export function pgErrorOf(error: unknown): { code?: string; constraint?: string } {
  if (typeof error !== 'object' || error === null) return {};
  const driverError = (error as { driverError?: unknown }).driverError;
  const source = (typeof driverError === 'object' && driverError !== null ? driverError : error) as Record<string, unknown>;
  return {
    code: typeof source.code === 'string' ? source.code : undefined,
    constraint: typeof source.constraint === 'string' ? source.constraint : undefined,
  };
}
