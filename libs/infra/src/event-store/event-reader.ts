import {
  EventRegistry,
  FEED_START,
  type FeedCheckpoint,
  type ReadAllOptions,
  type ReadAllResult,
  type ReadStreamOptions,
  type StoredEvent,
  UnknownPositionError,
} from '@sg/application';
import type { DataSource } from 'typeorm';
import { readFeedHorizon } from './feed-horizon';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './event-row';

const MAX_READ_LIMIT = 1000;
const MAX_BIGINT = 2n ** 63n - 1n;

/** The reading side of the Postgres event store: streams, the global feed in commit order, its horizon. */
export class PostgresEventReader {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
  ) {}

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    const fromVersion = options.fromVersion ?? 1;
    assertVersionBound(fromVersion, 'fromVersion');
    const conditions = ['stream_id = $1', 'version >= $2'];
    const params: unknown[] = [streamId, fromVersion];
    if (options.toVersion !== undefined) {
      assertVersionBound(options.toVersion, 'toVersion');
      params.push(options.toVersion);
      conditions.push(`version <= $${params.length}`);
    }
    if (options.untilRecordedAt !== undefined) {
      if (Number.isNaN(options.untilRecordedAt.getTime())) throw new RangeError('untilRecordedAt is not a valid date');
      params.push(options.untilRecordedAt);
      // A Date has milliseconds, recorded_at microseconds: an event shown as 12:00:00.123 was
      // recorded at 12:00:00.123456 and must count as "at 12:00:00.123".
      conditions.push(`recorded_at < $${params.length}::timestamptz + interval '1 millisecond'`);
    }
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY version`,
      params,
    );
    return rows.map((row) => this.registry.upcast(toStoredEvent(row)));
  }

  /**
   * The global feed in commit order.
   *
   * Positions come from a sequence, handed out at insert, so position 31 can commit after 32.
   * Ordering by position would let a reader that has seen 32 skip 31 for ever. Instead rows are
   * ordered by (transaction_id, position) and only those below the oldest transaction still
   * running are returned: every such transaction has finished, so nothing can later appear
   * before the returned rows. Only this database's transactions count (feed-horizon.ts): a long
   * transaction here holds the feed back until it ends (late, never wrong); one in another
   * database on the server does not.
   *
   * The `after` cursor. Relays keep the full checkpoint (transaction id, position). The API's
   * `after=<position>` is the position of an event the client received; its transaction id is
   * looked up by primary key, which gives the same continuation as the full checkpoint because
   * positions are never reused and events never deleted. We chose this over an opaque
   * `<xid>:<position>` cursor so clients keep the plain position the /v1 contract promises, at the cost of
   * one index lookup; a position that names no event is refused (UnknownPositionError) rather
   * than guessed, since guessing could skip events.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_READ_LIMIT}, got ${limit}`);
    }
    const after = await resolveFeedCursor(this.dataSource, options.after);
    const horizon = await readFeedHorizon(this.dataSource);
    const params: unknown[] = [after.transactionId, after.position, limit, horizon];
    const conditions = ['transaction_id < $4::xid8', '(transaction_id, position) > ($1::xid8, $2::bigint)'];
    if (options.tenant !== undefined) {
      params.push(options.tenant);
      conditions.push(`tenant = $${params.length}`);
    }
    if (options.streamType !== undefined) {
      params.push(options.streamType);
      conditions.push(`stream_type = $${params.length}`);
    }
    // ORDER BY names the table's columns: bare names would mean EVENT_COLUMNS' text aliases, which sort '10' before '9'.
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
        ORDER BY events.transaction_id, events.position LIMIT $3`,
      params,
    );
    const events = rows.map((row) => this.registry.upcast(toStoredEvent(row)));
    const last = events[events.length - 1];
    return { events, checkpoint: last ? { transactionId: last.transactionId, position: last.position } : after };
  }

  async feedHorizon(): Promise<string> {
    const [row]: { horizon: string }[] = await this.dataSource.query(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon`);
    return row.horizon;
  }

  async lastPosition(): Promise<string> {
    const [row]: { position: string }[] = await this.dataSource.query(`SELECT COALESCE(max(position), 0)::text AS position FROM events`);
    return row.position;
  }

}

/**
 * A feed cursor as the store continues from it: a full checkpoint as given, or the position of an
 * event a client was given, its transaction id looked up (see PostgresEventReader.readAll).
 */
export async function resolveFeedCursor(dataSource: DataSource, after: FeedCheckpoint | string | undefined): Promise<FeedCheckpoint> {
  if (after === undefined) return FEED_START;
  if (typeof after !== 'string') {
    if (!isBigintText(after.transactionId) || !isBigintText(after.position)) {
      throw new RangeError(`Not a feed checkpoint: ${JSON.stringify(after)}`);
    }
    return after;
  }
  if (!isBigintText(after)) throw new UnknownPositionError(after);
  if (BigInt(after) === 0n) return FEED_START;
  const rows: { transaction_id: string }[] = await dataSource.query(
    `SELECT transaction_id::text AS transaction_id FROM events WHERE position = $1`,
    [after],
  );
  if (rows.length === 0) throw new UnknownPositionError(after);
  return { transactionId: rows[0].transaction_id, position: BigInt(after).toString() };
}

function assertVersionBound(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}

function isBigintText(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}
