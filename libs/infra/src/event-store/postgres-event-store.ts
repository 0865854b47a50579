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
} from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { planRows, resultsOf } from './append-plan';
import { insertEvents, lockStreams, streamHeads } from './append-sql';
import { assertValidBatch, satisfies } from './append-validation';
import { PostgresEventReader } from './event-reader';
import { PostgresIdempotencyRecords } from './idempotency-records';
import { pgErrorOf } from './event-row';
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

const STREAM_VERSION_CONSTRAINT = 'events_stream_version_uq';
/** Unique indexes and foreign keys of read models that guard invariants across streams are named rm_…_uq and rm_…_fk. */
const READ_MODEL_INVARIANT = /^rm_\w+_(uq|fk)$/;
const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/**
 * The event store on Postgres. An append takes its idempotency keys (PostgresIdempotencyRecords),
 * locks its streams, checks their versions, inserts every event in one statement, runs the inline
 * projections and the callers' in-transaction work, stores the answers, and NOTIFYs, all in one
 * transaction; reads (streams, the feed in commit order) are PostgresEventReader's.
 */
export class PostgresEventStore extends EventStore {
  private readonly registry: EventRegistry;
  private readonly reader: PostgresEventReader;
  private readonly idempotency: PostgresIdempotencyRecords;
  private readonly projections: InlineProjection[] = [];
  private appended: ChannelListener | null = null;

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
    // The keys first: a concurrent duplicate of a request waits on them (PostgresIdempotencyRecords).
    await this.idempotency.claimAll(tx, units.flatMap((unit) => (unit.options?.idempotency ? [unit.options.idempotency] : [])));

    const streamIds = [...new Set(units.flatMap((unit) => unit.requests.map((request) => request.streamId)))];
    await lockStreams(tx, streamIds);
    const heads = await streamHeads(tx, streamIds);

    const { rows, planned } = planRows(units, heads, (type) => this.registry.currentVersion(type));
    const stored = rows.length === 0 ? [] : await insertEvents(tx, rows, this.registry);
    const results = resultsOf(planned, stored);

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
    // Delivered on commit only, so a woken reader finds the events; an append that stored
    // nothing has nothing to announce.
    if (stored.length > 0) await tx.query(`SELECT pg_notify($1, $2)`, [EVENTS_APPENDED_CHANNEL, stored[stored.length - 1].position]);
    return results;
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

