import { AuditLog, EventRegistry, type AuditEventFilter, type AuditSearchOptions, type ReadAllResult } from '@sg/application';
import type { DataSource } from 'typeorm';
import { resolveFeedCursor } from './event-reader';
import { readFeedHorizon } from './feed-horizon';
import { EVENT_COLUMNS, type EventRow, toStoredEvent } from './event-row';

const MAX_SEARCH_LIMIT = 1000;

/**
 * The history searched straight from the events table, with the feed's ordering and visibility
 * rule (see PostgresEventReader.readAll): rows in (transaction_id, position) order, only those of
 * transactions older than every transaction still running, so following `after` never skips a
 * matching event. The filters only narrow that feed; they add no index of their own (the tenant's
 * feed index serves a member, and a `resourceId` is served by the stream's primary key), so a
 * search for something rare over a long history reads far. Reads only: nothing here writes.
 */
export class PostgresAuditLog extends AuditLog {
  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: EventRegistry,
  ) {
    super();
  }

  async search(filter: AuditEventFilter, options: AuditSearchOptions): Promise<ReadAllResult> {
    const { limit } = options;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SEARCH_LIMIT) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_SEARCH_LIMIT}, got ${limit}`);
    }
    const after = await resolveFeedCursor(this.dataSource, options.after);
    const horizon = await readFeedHorizon(this.dataSource);
    const params: unknown[] = [after.transactionId, after.position, limit, horizon];
    const conditions = ['transaction_id < $4::xid8', '(transaction_id, position) > ($1::xid8, $2::bigint)'];
    const where = (sql: (placeholder: string) => string, value: unknown) => {
      params.push(value);
      conditions.push(sql(`$${params.length}`));
    };
    if (options.tenant !== undefined) where((p) => `tenant = ${p}`, options.tenant);
    if (filter.actor !== undefined) where((p) => `metadata->>'actor' = ${p}`, filter.actor);
    if (filter.resourceId !== undefined) where((p) => `stream_id = ${p}`, filter.resourceId);
    if (filter.type !== undefined) {
      if (filter.type.endsWith('.*')) where((p) => `starts_with(type, ${p})`, filter.type.slice(0, -1));
      else where((p) => `type = ${p}`, filter.type);
    }
    for (const [name, bound] of [['from', filter.from], ['to', filter.to]] as const) {
      if (bound !== undefined && Number.isNaN(bound.getTime())) throw new RangeError(`${name} is not a valid date`);
    }
    if (filter.from !== undefined) where((p) => `recorded_at >= ${p}::timestamptz`, filter.from);
    // A Date has milliseconds, recorded_at microseconds: an event shown as 10:00:00.123 (recorded at
    // 10:00:00.123456) is before `to` = 10:00:00.124 and not before 10:00:00.123, as it reads.
    if (filter.to !== undefined) where((p) => `recorded_at < ${p}::timestamptz`, filter.to);
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${conditions.join(' AND ')}
        ORDER BY events.transaction_id, events.position LIMIT $3`,
      params,
    );
    const events = rows.map((row) => this.registry.upcast(toStoredEvent(row)));
    const last = events[events.length - 1];
    return { events, checkpoint: last ? { transactionId: last.transactionId, position: last.position } : after };
  }

  async streamsStartedBefore(streamType: string, tenant: string | undefined, before: Date): Promise<string[]> {
    const rows: { stream_id: string }[] = await this.dataSource.query(
      `SELECT stream_id FROM events WHERE version = 1 AND stream_type = $1 AND ($2::text IS NULL OR tenant = $2) AND recorded_at < $3
        ORDER BY stream_id`,
      [streamType, tenant ?? null, before],
    );
    return rows.map((row) => row.stream_id);
  }
}
