import type { EntityManager } from 'typeorm';

/**
 * The request ids behind some operations: the request that opened each (its events carry the
 * request's metadata) and any that asked for a retry. A sync logs them and sends them to the
 * agent, so that one change can be followed through every process's logs.
 */
export async function requestIdsOfOperations(m: EntityManager, operationIds: readonly string[]): Promise<Map<string, string[]>> {
  if (operationIds.length === 0) return new Map();
  const rows: { stream_id: string; request_id: string }[] = await m.query(
    `SELECT stream_id, metadata->>'requestId' AS request_id FROM events
      WHERE stream_id = ANY($1) AND metadata ? 'requestId' ORDER BY stream_id, version`,
    [operationIds],
  );
  const ids = new Map<string, string[]>();
  for (const row of rows) {
    const list = ids.get(row.stream_id) ?? [];
    if (!list.includes(row.request_id)) list.push(row.request_id);
    ids.set(row.stream_id, list);
  }
  return ids;
}
