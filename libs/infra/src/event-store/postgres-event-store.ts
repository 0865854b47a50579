import {
  type AppendOptions,
  type AppendRequest,
  type AppendResult,
  type AppendUnit,
  ConcurrencyError,
  type EventMetadata,
  EventStore,
  type ExpectedVersion,
  type FaceName,
  type IdempotencyRecord,
  type NewEvent,
  type ReadAllOptions,
  type ReadAllResult,
  ReadModelClashError,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppendResult,
  EVENT_REGISTRY,
  type EventRegistry,
  IdempotencyConflictError,
} from '@sg/application';
import type { DataSource } from 'typeorm';
import { escapeLiteral, type PoolClient, type QueryResult } from 'pg';
import { resultsOf } from './append-plan';
import { appendCall, type AppendCallResult, detailOf, streamHeads } from './append-sql';
import { assertValidBatch, satisfies } from './append-validation';
import { PostgresEventReader } from './event-reader';
import { PostgresIdempotencyRecords } from './idempotency-records';
import { byPosition, pgErrorOf, toStoredEvent } from './event-row';
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
 * Postgres NOTIFY channel raised after appends that stored events have committed; the payload is
 * the last position this process appended. A wake-up call only: readers then read the feed.
 */
export const EVENTS_APPENDED_CHANNEL = 'events_appended';

const STREAM_VERSION_CONSTRAINT = 'events_stream_version_uq';
/** Unique indexes and foreign keys of read models that guard invariants across streams are named rm_…_uq and rm_…_fk. */
const READ_MODEL_INVARIANT = /^rm_\w+_(uq|fk)$/;
const UNIQUE_VIOLATION = '23505';
/** sg_append's own refusals (migration AppendFunction1796000000000). */
const STREAM_NOT_AT_VERSION = 'SG001';
const IDEMPOTENCY_KEY_TAKEN = 'SG002';
const STREAM_OF_ANOTHER_TYPE = 'SG003';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The event store on Postgres. An append is one call of the database's `sg_append` (migration
 * AppendFunction1796000000000): it claims the idempotency keys, locks the streams, checks their
 * versions and inserts every event in one statement; listeners are told after the commit
 * (announce). When inline projections, the
 * callers' in-transaction work or answers computed from the result must run with it, they run in
 * the same transaction, which opens with that call; otherwise the call is the whole append, one
 * round trip. Reads (streams, the feed in commit order) are PostgresEventReader's.
 */
export class PostgresEventStore extends EventStore {
  private readonly registry: EventRegistry;
  private readonly reader: PostgresEventReader;
  private readonly idempotency: PostgresIdempotencyRecords;
  private readonly projections: InlineProjection[] = [];
  private appended: ChannelListener | null = null;
  /** The last position announced or to announce, and whether a NOTIFY is in flight (announce). */
  private announced: string | null = null;
  private notifying = false;
  private notifyAgain = false;

  constructor(
    private readonly dataSource: DataSource,
    options: PostgresEventStoreOptions = {},
  ) {
    super();
    this.registry = options.registry ?? EVENT_REGISTRY;
    this.reader = new PostgresEventReader(dataSource, this.registry);
    this.idempotency = new PostgresIdempotencyRecords(dataSource, options.idempotencyTtlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS);
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
    const batch = appendCall(units, (type) => this.registry.currentVersion(type), this.idempotency.ttlMs, null);
    try {
      // Nothing else to run in the transaction (no inline projection handles these events, no
      // caller's work, no answer computed from the result): one statement, one round trip.
      if (!units.some((unit) => this.needsTransaction(unit))) {
        const [row] = (await this.dataSource.query(`SELECT sg_append($1::jsonb) AS result`, [batch])) as { result: AppendCallResult }[];
        this.announce(row.result);
        return this.resultsOf(units, row.result);
      }
      const { results, call } = await this.appendInTransaction(units, batch);
      this.announce(call);
      return results;
    } catch (error) {
      throw await this.appendError(error, units);
    }
  }

  private needsTransaction(unit: AppendUnit): boolean {
    const options = unit.options;
    if (options?.inTransaction || typeof options?.idempotency?.response === 'function') return true;
    return unit.requests.some((request) => request.events.some((event) => this.projections.some((projection) => projection.handles(event.type))));
  }

  /**
   * BEGIN and the append in one round trip (READ COMMITTED on purpose: each statement sees what
   * committed before it, so the version read right after taking the stream locks is the true
   * current version); then the inline projections, the callers' work and the answers; COMMIT.
   */
  private async appendInTransaction(units: readonly AppendUnit[], batch: string): Promise<{ results: AppendResult[]; call: AppendCallResult }> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    // ROLLBACK on any failure, even of the first round trip: its BEGIN may have run.
    let open = true;
    try {
      const replies = (await client.query(`BEGIN ISOLATION LEVEL READ COMMITTED; SELECT sg_append(${escapeLiteral(batch)}::jsonb) AS result`)) as unknown as QueryResult<{
        result: AppendCallResult;
      }>[];
      const call = replies[1].rows[0].result;
      const results = this.resultsOf(units, call);
      const tx = runner.manager;
      const stored = results.flatMap((result) => result.events).sort(byPosition);
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
      await this.idempotency.answer(tx, answered);
      open = false;
      await client.query('COMMIT');
      return { results, call };
    } catch (error) {
      if (open) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  /**
   * NOTIFY, after the commit, in a statement of its own, at most one in flight: appends that
   * commit meanwhile are announced together by the next one. Not inside the append: a transaction
   * that NOTIFYs holds a cluster-wide lock from its commit's start to its end, WAL flush included,
   * so every appender would wait for every other one's flush (no group commit). A process that dies
   * between its commit and the NOTIFY leaves readers to find the events at their next poll.
   */
  private announce(call: AppendCallResult): void {
    const last = call.events[call.events.length - 1]?.position;
    if (last === undefined) return;
    if (this.announced === null || BigInt(last) > BigInt(this.announced)) this.announced = last;
    if (this.notifying) {
      this.notifyAgain = true;
      return;
    }
    this.notifying = true;
    void (async () => {
      try {
        do {
          this.notifyAgain = false;
          await this.dataSource.query(`SELECT pg_notify($1, $2)`, [EVENTS_APPENDED_CHANNEL, this.announced]);
        } while (this.notifyAgain);
      } catch {
        // The pool is closing or the database is gone: readers poll as well.
      } finally {
        this.notifying = false;
      }
    })();
  }

  /** One result per unit, from what sg_append stored and the version each request found. */
  private resultsOf(units: readonly AppendUnit[], result: AppendCallResult): AppendResult[] {
    const stored = result.events.map((row) => this.registry.upcast(toStoredEvent({ ...row, recorded_at: new Date(row.recorded_at as unknown as string) })));
    let request = 0;
    const planned = units.map((unit) => unit.requests.map((r) => ({ request: r, from: result.from[request++] })));
    return resultsOf(planned, stored);
  }

  /** The database's refusals as the store's errors. */
  private async appendError(error: unknown, units: readonly AppendUnit[]): Promise<unknown> {
    const { code, constraint } = pgErrorOf(error);
    const detail = detailOf(error);
    if (code === STREAM_NOT_AT_VERSION) {
      const requests = units.flatMap((unit) => unit.requests);
      const request = requests.find((r) => r.streamId === detail.streamId) ?? requests[0];
      return new ConcurrencyError(request.streamId, request.expectedVersion, Number(detail.actual ?? 0));
    }
    if (code === IDEMPOTENCY_KEY_TAKEN) {
      const face = detail.face as FaceName;
      return new IdempotencyConflictError(String(detail.tenant), String(detail.key), await this.idempotency.find(face, String(detail.tenant), String(detail.key)));
    }
    if (code === STREAM_OF_ANOTHER_TYPE) return new TypeError(error instanceof Error ? error.message : String(error));
    if (code === UNIQUE_VIOLATION && constraint === STREAM_VERSION_CONSTRAINT) return this.clashToConcurrencyError(units.flatMap((unit) => unit.requests));
    // An inline projection's unique index or foreign key (checked at commit): the read models
    // keep invariants across streams, and a writer of another stream committed first.
    if ((code === UNIQUE_VIOLATION || code === FOREIGN_KEY_VIOLATION) && constraint !== undefined && READ_MODEL_INVARIANT.test(constraint)) {
      return new ReadModelClashError(constraint);
    }
    return error;
  }

  /** Only a writer that bypassed the stream locks gets here; report the stream that moved. */
  private async clashToConcurrencyError(requests: readonly AppendRequest[]): Promise<ConcurrencyError> {
    const heads = await streamHeads(
      this.dataSource.manager,
      requests.map((request) => request.streamId),
    );
    const actualOf = (request: AppendRequest) => heads.get(request.streamId)?.version ?? 0;
    const clashed = requests.find((request) => !satisfies(request.expectedVersion, actualOf(request))) ?? requests[0];
    return new ConcurrencyError(clashed.streamId, clashed.expectedVersion, actualOf(clashed));
  }

  readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]> {
    return this.reader.readStream(streamId, options);
  }

  readAll(options?: ReadAllOptions): Promise<ReadAllResult> {
    return this.reader.readAll(options);
  }

  findIdempotencyRecord(face: FaceName, tenant: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.idempotency.find(face, tenant, key);
  }

  feedHorizon(): Promise<string> {
    return this.reader.feedHorizon();
  }

  lastPosition(): Promise<string> {
    return this.reader.lastPosition();
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
  purgeExpiredIdempotencyRecords(): Promise<number> {
    return this.idempotency.purgeExpired();
  }
}

