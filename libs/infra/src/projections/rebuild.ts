import type { EntityManager } from 'typeorm';
import type { DataSource } from 'typeorm';
import { escapeLiteral } from 'pg';
import { EVENT_COLUMNS, EventRow, toStoredEvent } from '../event-store/event-row';
import type { InlineProjection } from '../event-store/inline-projection';
import { EVENT_REGISTRY, type EventRegistry, type StoredEvent } from '@sg/application';
import { INLINE_PROJECTIONS, READ_MODEL_TABLES } from './index';

/** Events read per page; every projection receives a page's events it handles in one call. */
const PAGE = 5000;
/** A page's queued writes are sent at the latest once they reach this many characters. */
const FLUSH_CHARS = 8 * 1024 * 1024;
/** A statement longer than this (with its parameters written in) is sent on its own, with bound parameters. */
const LARGE_STATEMENT = 64 * 1024;

/**
 * Empties every read model and replays the whole event store through the same projections the
 * appends run, in commit order, in ONE transaction: readers see the old tables until the new
 * ones are complete, and a failure leaves the old ones in place.
 *
 * Batched: each projection receives all the events of a page it handles at once (the projections
 * write tables of their own, and the foreign keys between read models are deferred to the commit,
 * so running them one after the other per page leaves the same tables as running them per event),
 * and their writes are queued and sent together, one round trip per page (WriteBehind), instead of
 * one round trip per statement.
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
    const writes = new WriteBehind(tx);
    let after = { transactionId: '0', position: '0' };
    let count = 0;
    for (;;) {
      // Qualified ORDER BY: bare names would mean EVENT_COLUMNS' text aliases, which sort '10' before '9'.
      const rows: EventRow[] = await tx.query(
        `SELECT ${EVENT_COLUMNS} FROM events
         WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint)
         ORDER BY events.transaction_id, events.position LIMIT ${PAGE}`,
        [after.transactionId, after.position],
      );
      if (rows.length === 0) break;
      const events = rows.map((row) => registry.upcast(toStoredEvent(row)));
      for (const p of projections) {
        const handled: StoredEvent[] = events.filter((event) => p.handles(event.type));
        if (handled.length > 0) await p.apply(writes.manager, handled);
      }
      await writes.flush();
      count += rows.length;
      const last = rows[rows.length - 1];
      after = { transactionId: last.transaction_id, position: last.position };
    }
    return { events: count };
  });
}

/**
 * Queues the projections' writes (statements that return nothing they read) with their
 * parameters written in as literals, and sends them as one multi-statement query: at the end of
 * the page, before any read (a read sees every write queued before it), or once the queue is
 * large. Only the rebuild uses it: its writes need no answer, and a failure rolls back the whole
 * transaction anyway.
 */
class WriteBehind {
  private queued: string[] = [];
  private chars = 0;
  readonly manager: EntityManager;

  constructor(private readonly tx: EntityManager) {
    // Only query() is used by the projections; anything else reaches the real manager.
    this.manager = new Proxy(tx, {
      get: (target, property, receiver) => (property === 'query' ? (sql: string, parameters?: unknown[]) => this.query(sql, parameters) : Reflect.get(target, property, receiver)),
    });
  }

  private async query(sql: string, parameters: unknown[] = []): Promise<unknown> {
    if (/^\s*select\b/i.test(sql)) {
      await this.flush();
      return this.tx.query(sql, parameters);
    }
    const statement = inlineParameters(sql, parameters);
    if (statement.length > LARGE_STATEMENT) {
      // A whole page's rows in one statement: a bound parameter is cheaper for the server than a
      // literal of megabytes in the query text, and the round trip is shared by the page anyway.
      await this.flush();
      await this.tx.query(sql, parameters);
      return [];
    }
    this.queued.push(statement);
    this.chars += statement.length;
    if (this.chars >= FLUSH_CHARS) await this.flush();
    return [];
  }

  async flush(): Promise<void> {
    if (this.queued.length === 0) return;
    const text = this.queued.join(';\n');
    this.queued = [];
    this.chars = 0;
    // No parameters: the simple query protocol, which runs every statement of the text in turn.
    await this.tx.query(text);
  }
}

/**
 * `$n` replaced by the n-th parameter as a quoted literal, converted as pg converts parameters
 * (an untyped literal is resolved from its context exactly like an untyped parameter).
 */
export function inlineParameters(sql: string, parameters: readonly unknown[]): string {
  return sql.replace(/\$(\d+)/g, (_, n: string) => literal(parameters[Number(n) - 1]));
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (value instanceof Date) return escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return escapeLiteral(arrayLiteral(value));
  if (typeof value === 'object') return escapeLiteral(JSON.stringify(value));
  if (typeof value === 'string') return escapeLiteral(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return escapeLiteral(String(value));
  throw new TypeError(`cannot write a ${typeof value} parameter as a literal`);
}

/** A Postgres array literal: {"a","b",NULL}. */
function arrayLiteral(values: readonly unknown[]): string {
  return `{${values
    .map((v) => {
      if (v === null || v === undefined) return 'NULL';
      if (Array.isArray(v)) return arrayLiteral(v);
      const text = v instanceof Date ? v.toISOString() : typeof v === 'object' ? JSON.stringify(v) : String(v as string | number);
      return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
    })
    .join(',')}}`;
}
