import {
  type AppendOptions,
  type AppendRequest,
  type AppendResult,
  type AppendUnit,
  ConcurrencyError,
  type EventMetadata,
  EventStore,
  type ExpectedVersion,
  type FaceAnswer,
  type FaceName,
  FEED_START,
  type FeedCheckpoint,
  type IdempotencyClaim,
  IdempotencyConflictError,
  type IdempotencyRecord,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  ReadModelClashError,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppendResult,
  UnknownPositionError,
  EVENT_REGISTRY,
  type EventRegistry,
} from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { assertValidBatch, satisfies } from './append-validation';
import { byPosition, EVENT_COLUMNS, type EventRow, pgErrorOf, toStoredEvent } from './event-row';
import type { InlineProjection } from './inline-projection';
import { ChannelListener } from '../database/channel-listener';
import { rebuildProjections } from '../projections/rebuild';
import { PostgresTransaction } from './postgres-transaction';

export interface PostgresEventStoreOptions {
  /** Schema versions and upcasters of every event type; the system's own (EVENT_REGISTRY) when not given. */
  readonly registry?: EventRegistry;
  /** Run, in this order, inside every append (registerInlineProjection adds more). */
  readonly projections?: readonly InlineProjection[];
  /** How long an idempotency key is honoured; at least 24 h is promised to clients. */
  readonly idempotencyTtlMs?: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Postgres NOTIFY channel raised by every append that stored events, once it commits; the payload
 * is the last position appended.
 */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';

/**
 * First key of the two-key advisory locks on streams; the two-key space never meets the one-key
 * space that other code (a relay's leader lock, say) is likely to use.
 */
const STREAM_LOCK_NAMESPACE = 0x53470001;
const STREAM_VERSION_CONSTRAINT = 'events_stream_version_uq';
/** Unique indexes and foreign keys of read models that guard invariants across streams are named rm_…_uq and rm_…_fk. */
const READ_MODEL_INVARIANT = /^rm_\w+_(uq|fk)$/;
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const MAX_READ_LIMIT = 1000;
const MAX_BIGINT = 2n ** 63n - 1n;

interface StreamHead {
  readonly version: number;
  readonly streamType: string;
}

export class PostgresEventStore extends EventStore {
  private readonly registry: EventRegistry;
  private readonly idempotencyTtlMs: number;
  private readonly projections: InlineProjection[] = [];
  private appended: ChannelListener | null = null;

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresEventStoreOptions = {},
  ) {
    super();
    this.registry = options.registry ?? EVENT_REGISTRY;
    this.idempotencyTtlMs = options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    for (const projection of options.projections ?? []) this.registerInlineProjection(projection);
  }

  registerInlineProjection(projection: InlineProjection): void {
    if (this.projections.some((registered) => registered.name === projection.name)) {
      throw new Error(`Inline projection ${projection.name} is already registered`);
    }
    this.projections.push(projection);
  }

  /**
   * `projections:rebuild`: empties the read models and replays every event through this store's
   * own projections, upcast by its own registry, so a rebuild reads history as appends do.
   */
  rebuildReadModels(): Promise<{ events: number }> {
    return rebuildProjections(this.dataSource, this.registry, this.projections);
  }

  async append(
    streamId: string,
    streamType: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    options?: AppendOptions,
  ): Promise<StreamAppendResult> {
    const result = await this.appendToStreams([{ streamId, streamType, expectedVersion, events }], metadata, options);
    return result.streams[0];
  }

  async appendToStreams(
    requests: readonly AppendRequest[],
    metadata: EventMetadata,
    options: AppendOptions = {},
  ): Promise<AppendResult> {
    const [result] = await this.appendBatch([{ requests, metadata, options }]);
    return result;
  }

  async appendBatch(units: readonly AppendUnit[]): Promise<AppendResult[]> {
    assertValidBatch(units);
    try {
      // READ COMMITTED on purpose: each statement sees what committed before it, so the version
      // read right after taking the stream locks is the true current version.
      return await this.dataSource.transaction('READ COMMITTED', (tx) => this.appendInTransaction(tx, units));
    } catch (error) {
      const { code, constraint } = pgErrorOf(error);
      if (code === UNIQUE_VIOLATION && constraint === STREAM_VERSION_CONSTRAINT) throw await this.clashToConcurrencyError(units.flatMap((unit) => unit.requests));
      // An inline projection's unique index or foreign key (checked at commit): the read models
      // keep invariants across streams, and a writer of another stream committed first.
      if ((code === UNIQUE_VIOLATION || code === FOREIGN_KEY_VIOLATION) && constraint !== undefined && READ_MODEL_INVARIANT.test(constraint)) {
        throw new ReadModelClashError(constraint);
      }
      throw error;
    }
  }

  private async appendInTransaction(tx: EntityManager, units: readonly AppendUnit[]): Promise<AppendResult[]> {
    // The keys first: a concurrent duplicate of a request then waits here and replays our
    // response, instead of failing on the stream version and re-deciding on our result.
    // In one sorted pass, so two batches claiming the same keys in another order cannot deadlock.
    const claims = units.flatMap((unit) => (unit.options?.idempotency ? [unit.options.idempotency] : []));
    claims.sort((a, b) => compareText(a.face, b.face) || compareText(a.tenant, b.tenant) || compareText(a.key, b.key));
    for (const claim of claims) await this.claimIdempotencyKey(tx, claim);

    const streamIds = [...new Set(units.flatMap((unit) => unit.requests.map((request) => request.streamId)))];
    await this.lockStreams(tx, streamIds);
    const heads = await this.streamHeads(tx, streamIds);

    // Each unit sees the streams as the units before it left them.
    const versions = new Map([...heads].map(([id, head]) => [id, head.version]));
    const rows: object[] = [];
    const planned = units.map((unit) =>
      unit.requests.map((request) => {
        const actual = versions.get(request.streamId) ?? 0;
        if (!satisfies(request.expectedVersion, actual)) throw new ConcurrencyError(request.streamId, request.expectedVersion, actual);
        const head = heads.get(request.streamId);
        if (head && head.streamType !== request.streamType) {
          throw new TypeError(`Stream ${request.streamId} is a ${head.streamType} stream, not ${request.streamType}`);
        }
        request.events.forEach((event, index) =>
          rows.push({
            streamId: request.streamId,
            streamType: request.streamType,
            version: actual + index + 1,
            type: event.type,
            schemaVersion: event.schemaVersion ?? this.registry.currentVersion(event.type),
            data: event.data,
            metadata: unit.metadata,
          }),
        );
        versions.set(request.streamId, actual + request.events.length);
        return { request, from: actual };
      }),
    );

    const stored = rows.length === 0 ? [] : await this.insertEvents(tx, rows);
    const byStreamVersion = new Map(stored.map((event) => [`${event.version}:${event.streamId}`, event]));
    const results: AppendResult[] = planned.map((streams) => {
      const perStream = streams.map(({ request, from }) => ({
        streamId: request.streamId,
        streamType: request.streamType,
        version: from + request.events.length,
        events: request.events.map((_, index) => byStreamVersion.get(`${from + index + 1}:${request.streamId}`)!),
      }));
      return { events: perStream.flatMap((stream) => stream.events).sort(byPosition), streams: perStream };
    });

    for (const projection of this.projections) {
      const handled = stored.filter((event) => projection.handles(event.type));
      if (handled.length > 0) await projection.apply(tx, handled);
    }
    for (const [index, unit] of units.entries()) {
      if (unit.options?.inTransaction) await unit.options.inTransaction(new PostgresTransaction(tx), results[index]);
    }

    const answered = units.flatMap((unit, index) => {
      const claim = unit.options?.idempotency;
      return claim && typeof claim.response === 'function' ? [{ face: claim.face, tenant: claim.tenant, key: claim.key, response: claim.response(results[index]) }] : [];
    });
    if (answered.length > 0) {
      await tx.query(
        `UPDATE idempotency_keys AS k SET response = a.response
           FROM jsonb_to_recordset($1::jsonb) AS a(face text, tenant text, key text, response jsonb)
          WHERE k.face = a.face AND k.tenant = a.tenant AND k.key = a.key`,
        [JSON.stringify(answered)],
      );
    }
    // Delivered on commit only, so a woken reader finds the events; an append that stored
    // nothing has nothing to announce.
    if (stored.length > 0) await tx.query(`SELECT pg_notify($1, $2)`, [EVENTS_APPENDED_CHANNEL, stored[stored.length - 1].position]);
    return results;
  }

  /**
   * Serialises appenders per stream, from reading the version to commit. Without it an `'any'`
   * append could clash with a concurrent one on the unique (stream, version) and fail although it
   * expected nothing. Locks are taken in one sorted pass so two multi-stream appends cannot
   * deadlock. The unique constraint stays the guard against writers that bypass this store.
   */
  private async lockStreams(tx: EntityManager, streamIds: readonly string[]): Promise<void> {
    await tx.query(
      `WITH keys AS MATERIALIZED (SELECT DISTINCT hashtext(id) AS key FROM unnest($1::text[]) AS t(id) ORDER BY key)
       SELECT count(pg_advisory_xact_lock(${STREAM_LOCK_NAMESPACE}, key)) FROM keys`,
      [streamIds],
    );
  }

  /** One index probe per stream (the latest row), not a scan of each stream. */
  private async streamHeads(manager: EntityManager, streamIds: readonly string[]): Promise<Map<string, StreamHead>> {
    const rows: { stream_id: string; version: number; stream_type: string }[] = await manager.query(
      `SELECT s.stream_id, e.version, e.stream_type
         FROM unnest($1::text[]) AS s(stream_id)
         JOIN LATERAL (SELECT version, stream_type FROM events
                        WHERE events.stream_id = s.stream_id ORDER BY version DESC LIMIT 1) e ON true`,
      [streamIds],
    );
    return new Map(rows.map((row) => [row.stream_id, { version: row.version, streamType: row.stream_type }]));
  }

  private async insertEvents(tx: EntityManager, rows: readonly object[]): Promise<StoredEvent[]> {
    // One statement for every stream and unit; ORDER BY ord hands out positions in request order.
    const inserted: EventRow[] = await tx.query(
      `INSERT INTO events (stream_id, stream_type, version, type, schema_version, data, metadata, tenant)
       SELECT e->>'streamId', e->>'streamType', (e->>'version')::int, e->>'type', (e->>'schemaVersion')::int,
              e->'data', e->'metadata', e->'metadata'->>'tenant'
         FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS t(e, ord)
        ORDER BY ord
       RETURNING ${EVENT_COLUMNS}`,
      [JSON.stringify(rows)],
    );
    return inserted.map((row) => this.registry.upcast(toStoredEvent(row))).sort(byPosition);
  }

  private async claimIdempotencyKey(tx: EntityManager, claim: IdempotencyClaim): Promise<void> {
    const response = typeof claim.response === 'function' ? null : claim.response;
    // An expired record is taken over; a live one (committed by a concurrent duplicate that we
    // waited for on the primary key) means this request must not write anything.
    const claimed: unknown[] = await tx.query(
      `INSERT INTO idempotency_keys AS k (face, tenant, key, request_hash, response)
       VALUES ($1, $2, $3, $4, $5::jsonb)
       ON CONFLICT (face, tenant, key) DO UPDATE
          SET request_hash = excluded.request_hash, response = excluded.response, created_at = now()
        WHERE k.created_at <= now() - $6::double precision * interval '1 millisecond'
       RETURNING 1`,
      [claim.face, claim.tenant, claim.key, claim.requestHash, JSON.stringify(response), this.idempotencyTtlMs],
    );
    if (claimed.length === 0) {
      throw new IdempotencyConflictError(claim.tenant, claim.key, await this.findIdempotencyRecord(claim.face, claim.tenant, claim.key, tx));
    }
  }

  /** Only a writer that bypassed the stream locks gets here; report the stream that moved. */
  private async clashToConcurrencyError(requests: readonly AppendRequest[]): Promise<ConcurrencyError> {
    const heads = await this.streamHeads(
      this.dataSource.manager,
      requests.map((request) => request.streamId),
    );
    const actualOf = (request: AppendRequest) => heads.get(request.streamId)?.version ?? 0;
    const clashed = requests.find((request) => !satisfies(request.expectedVersion, actualOf(request))) ?? requests[0];
    return new ConcurrencyError(clashed.streamId, clashed.expectedVersion, actualOf(clashed));
  }

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
   * before the returned rows. The cost: one long transaction anywhere on the server holds the
   * feed back until it ends (the feed is late, never wrong).
   *
   * The `after` cursor. Relays keep the full checkpoint (transaction id, position). The API's
   * `after=<position>` is the position of an event the client received; its transaction id is
   * looked up by primary key, which gives the same continuation as the full checkpoint because
   * positions are never reused and events never deleted. We chose this over an opaque
   * `<xid>:<position>` cursor so clients keep the plain position API.md promises, at the cost of
   * one index lookup; a position that names no event is refused (UnknownPositionError) rather
   * than guessed, since guessing could skip events.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const limit = options.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_READ_LIMIT) {
      throw new RangeError(`limit must be an integer from 1 to ${MAX_READ_LIMIT}, got ${limit}`);
    }
    const after = await this.resolveCursor(options.after);
    const params: unknown[] = [after.transactionId, after.position, limit];
    const conditions = [
      'transaction_id < pg_snapshot_xmin(pg_current_snapshot())',
      '(transaction_id, position) > ($1::xid8, $2::bigint)',
    ];
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

  private async resolveCursor(after: FeedCheckpoint | string | undefined): Promise<FeedCheckpoint> {
    if (after === undefined) return FEED_START;
    if (typeof after !== 'string') {
      if (!isBigintText(after.transactionId) || !isBigintText(after.position)) {
        throw new RangeError(`Not a feed checkpoint: ${JSON.stringify(after)}`);
      }
      return after;
    }
    if (!isBigintText(after)) throw new UnknownPositionError(after);
    if (BigInt(after) === 0n) return FEED_START;
    const rows: { transaction_id: string }[] = await this.dataSource.query(
      `SELECT transaction_id::text AS transaction_id FROM events WHERE position = $1`,
      [after],
    );
    if (rows.length === 0) throw new UnknownPositionError(after);
    return { transactionId: rows[0].transaction_id, position: BigInt(after).toString() };
  }

  async findIdempotencyRecord(
    face: FaceName,
    tenant: string,
    key: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IdempotencyRecord | undefined> {
    const rows: { face: string; tenant: string; key: string; request_hash: string; response: FaceAnswer; created_at: Date }[] = await manager.query(
      `SELECT face, tenant, key, request_hash, response, created_at FROM idempotency_keys
        WHERE face = $1 AND tenant = $2 AND key = $3 AND created_at > now() - $4::double precision * interval '1 millisecond'`,
      [face, tenant, key, this.idempotencyTtlMs],
    );
    const row = rows[0];
    return row && { face: row.face, tenant: row.tenant, key: row.key, requestHash: row.request_hash, response: row.response, createdAt: row.created_at };
  }

  async feedHorizon(): Promise<string> {
    const [row]: { horizon: string }[] = await this.dataSource.query(`SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS horizon`);
    return row.horizon;
  }

  async lastPosition(): Promise<string> {
    const [row]: { position: string }[] = await this.dataSource.query(`SELECT COALESCE(max(position), 0)::text AS position FROM events`);
    return row.position;
  }

  onAppended(listener: () => void): () => void {
    if (!this.appended) {
      const options = this.dataSource.options;
      const url = 'url' in options ? options.url : undefined;
      if (!url) throw new Error('onAppended needs a DataSource configured with a url');
      this.appended = new ChannelListener(url, EVENTS_APPENDED_CHANNEL, 'security-groups-feed');
    }
    return this.appended.subscribe(listener);
  }

  /** Ends the LISTEN connection onAppended opened, if any; the DataSource is its owner's to close. */
  async close(): Promise<void> {
    await this.appended?.close();
  }

  /** Deletes records past the retention period; returns how many. For the retention job. */
  async purgeExpiredIdempotencyRecords(): Promise<number> {
    const rows: { deleted: number }[] = await this.dataSource.query(
      `WITH gone AS (DELETE FROM idempotency_keys
                      WHERE created_at <= now() - $1::double precision * interval '1 millisecond' RETURNING 1)
       SELECT count(*)::int AS deleted FROM gone`,
      [this.idempotencyTtlMs],
    );
    return rows[0].deleted;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function assertVersionBound(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be an integer >= 1, got ${value}`);
}

function isBigintText(value: unknown): value is string {
  return typeof value === 'string' && /^\d{1,19}$/.test(value) && BigInt(value) <= MAX_BIGINT;
}
