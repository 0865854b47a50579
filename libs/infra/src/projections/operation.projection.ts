import { evolveOperation, OperationEventTypes as T, OperationState } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { OperationEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/**
 * `rm_operations`: the operation's whole state as the domain's evolve computes it, kept as jsonb
 * (targets and all), with the columns lists filter on beside it.
 */
export const operationProjection: InlineProjection = {
  name: 'operations',
  handles: (type) => OperationEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    for (const stored of events) {
      const e = OperationEvents.decode(stored);
      const id = e.data.operationId;
      const rows: { state: OperationState }[] =
        e.type === T.Queued ? [] : await tx.query(`SELECT state FROM rm_operations WHERE id = $1 FOR UPDATE`, [id]);
      const before: OperationState = rows[0]?.state ?? { status: 'absent' };
      const after = evolveOperation(before, e);
      if (after.status !== 'present') continue;
      const op = after.operation;
      await tx.query(
        `INSERT INTO rm_operations (id, tenant, type, resource_type, resource_id, status, state, version, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
        [op.id, op.tenant, op.type, op.resource.type, op.resource.id, op.status, JSON.stringify(after), stored.version, op.createdAt, op.updatedAt],
      );
    }
  },
};
