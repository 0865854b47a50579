import type { DataSource } from 'typeorm';
import { EVENT_COLUMNS, EventRow, toStoredEvent } from '../event-store/event-row';
import type { InlineProjection } from '../event-store/inline-projection';
import { EVENT_REGISTRY, type EventRegistry } from '@sg/application';
import { INLINE_PROJECTIONS, READ_MODEL_TABLES } from './index';

const BATCH = 1000;

/**
 * Empties every read model and replays the whole event store through the same projections the
 * appends run, in commit order, in ONE transaction: readers see the old tables until the new
 * ones are complete, and a failure leaves the old ones in place.
 */
export async function rebuildProjections(
  dataSource: DataSource,
  registry: EventRegistry = EVENT_REGISTRY,
  projections: readonly InlineProjection[] = INLINE_PROJECTIONS,
): Promise<{ events: number }> {
  return dataSource.transaction('SERIALIZABLE', async (tx) => {
    // Appends take this lock too (they write the same tables), so none interleaves with the replay.
    await tx.query(`LOCK TABLE ${READ_MODEL_TABLES.join(', ')} IN ACCESS EXCLUSIVE MODE`);
    await tx.query(`TRUNCATE ${READ_MODEL_TABLES.join(', ')}`);
    let after = { transactionId: '0', position: '0' };
    let count = 0;
    for (;;) {
      // Qualified ORDER BY: bare names would mean EVENT_COLUMNS' text aliases, which sort '10' before '9'.
      const rows: EventRow[] = await tx.query(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
         ORDER BY events.transaction_id, events.position LIMIT ${BATCH}`,
        [after.transactionId, after.position],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        const event = registry.upcast(toStoredEvent(row));
        for (const p of projections) if (p.handles(event.type)) await p.apply(tx, [event]);
      }
      count += rows.length;
      const last = rows[rows.length - 1];
      after = { transactionId: last.transaction_id, position: last.position };
    }
    return { events: count };
  });
}
