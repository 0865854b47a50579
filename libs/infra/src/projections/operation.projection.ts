import { evolveOperation, OperationEventTypes as T, OperationState } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { OperationEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/**
 * `rm_operations`: the operation's whole state as the domain's evolve computes it, kept as jsonb
 * (targets and all), with the columns lists filter on beside it. The states the events evolve
 * are read in one statement (locked, in id order), evolved in memory through every event handed
 * over, and each operation written once with its last state.
 */
export const operationProjection: InlineProjection = {
  name: 'operations',
  handles: (type) => OperationEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    const decoded = events.map((stored) => ({ stored, e: OperationEvents.decode(stored) }));
    // An operation queued in this batch starts absent; any other is read as it stands.
    const queuedHere = new Set<string>();
    const toRead = new Set<string>();
    for (const { e } of decoded) {
      if (e.type === T.Queued) queuedHere.add(e.data.operationId);
      else if (!queuedHere.has(e.data.operationId)) toRead.add(e.data.operationId);
    }
    const states = new Map<string, OperationState>();
    if (toRead.size > 0) {
      const rows: { id: string; state: OperationState }[] = await tx.query(`SELECT id, state FROM rm_operations WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[...toRead]]);
      for (const row of rows) states.set(row.id, row.state);
    }
    const written = new Map<string, { state: OperationState & { status: 'present' }; version: number }>();
    for (const { stored, e } of decoded) {
      const id = e.data.operationId;
      const before: OperationState = e.type === T.Queued ? { status: 'absent' } : (states.get(id) ?? { status: 'absent' });
      const after = evolveOperation(before, e);
      states.set(id, after);
      if (after.status === 'present') written.set(id, { state: after, version: stored.version });
    }
    if (written.size === 0) return;
    // Every operation in one statement (one row each: ON CONFLICT may touch a row only once).
    const rows = [...written.values()].map(({ state, version }) => {
      const op = state.operation;
      return { id: op.id, tenant: op.tenant, type: op.type, resource_type: op.resource.type, resource_id: op.resource.id, status: op.status, state, version, created_at: op.createdAt, updated_at: op.updatedAt };
    });
    await tx.query(
      `INSERT INTO rm_operations (id, tenant, type, resource_type, resource_id, status, state, version, created_at, updated_at)
       SELECT r.id, r.tenant, r.type, r.resource_type, r.resource_id, r.status, r.state, r.version, r.created_at, r.updated_at
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, tenant text, type text, resource_type text, resource_id text, status text, state jsonb, version int,
           created_at timestamptz, updated_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
      [JSON.stringify(rows)],
    );
  },
};
