/**
 * The version a writer saw when it decided: `'no-stream'` (or 0) for a stream that must not exist
 * yet, a number for the exact current version, `'any'` to append whatever the version is.
 */
export type ExpectedVersion = 'any' | 'no-stream' | number;

/** Stream versions are 32-bit integers: no stream gets further. */
export const MAX_STREAM_VERSION = 2_147_483_647;

/** An event as the domain emits it. */
export interface NewEvent<TData = unknown> {
  readonly type: string;
  readonly data: TData;
  /** Defaults to the newest version the upcaster registry knows for the type (1 when none). */
  readonly schemaVersion?: number;
}

/** Who did it, for whom, and under which request. Stored with every event of an append. */
export interface EventMetadata {
  readonly actor: string;
  readonly tenant: string;
  /** The server's own id of the request that caused the event. */
  readonly requestId?: string;
  /** The client's `X-Request-Id`, when it sent one (never taken as the server's). */
  readonly clientRequestId?: string;
  readonly idempotencyKey?: string;
  readonly [key: string]: unknown;
}

export interface StoredEvent<TData = unknown> {
  /** Global position, a bigint as a decimal string (it does not fit a JSON number forever). */
  readonly position: string;
  /** The writer's transaction id (xid8) as a decimal string; the feed orders by it first. */
  readonly transactionId: string;
  readonly streamId: string;
  readonly streamType: string;
  /** 1-based version within the stream. */
  readonly version: number;
  readonly type: string;
  /** After upcasting: the newest shape the registry knows. */
  readonly schemaVersion: number;
  readonly data: TData;
  readonly metadata: EventMetadata;
  readonly recordedAt: Date;
  /** Its hash, chained to the previous event of its stream (docs/audit.md); absent for events not read from the store. */
  readonly hash?: string | null;
  /** The hash of the previous event of its stream; null for a stream's first event. */
  readonly previousHash?: string | null;
  /** When upcast: the schema version and data as stored, which the hash covers. */
  readonly stored?: { readonly schemaVersion: number; readonly data: unknown };
}

export interface AppendRequest {
  readonly streamId: string;
  /** The kind of aggregate (`security-group`, `vpc`, ...), chosen by the caller. */
  readonly streamType: string;
  readonly expectedVersion: ExpectedVersion;
  /** May be empty: the append then only asserts the stream's version. */
  readonly events: readonly NewEvent[];
}

export interface StreamAppendResult {
  readonly streamId: string;
  readonly streamType: string;
  /** The stream's version after the append: the expected version of the next one. */
  readonly version: number;
  readonly events: readonly StoredEvent[];
}

export interface AppendResult {
  /** Every stored event of the append, in position order. */
  readonly events: readonly StoredEvent[];
  /** One entry per request, in request order. */
  readonly streams: readonly StreamAppendResult[];
}

/**
 * The transaction an append runs in, as the core sees it: a handle to give back to adapters (a
 * read model read through it sees the append's own writes), never something to run statements
 * on. Only the adapter that made it knows what is inside.
 */
export abstract class Transaction {
  // A private member makes the type nominal: only an adapter's subclass is a Transaction.
  protected readonly isTransaction = true;
}

/**
 * The face a request came through (`v1`, `console`, `neutron`): idempotency records are kept per
 * face, since each face answers in its own format and one face's answer means nothing to another.
 */
export type FaceName = string;

/** What a face answered to an idempotent request, in its own format, replayed verbatim to a client that repeats it. */
export type FaceAnswer = object | string | number | boolean | null;

export interface IdempotencyRecord {
  readonly face: FaceName;
  readonly tenant: string;
  readonly key: string;
  readonly requestHash: string;
  readonly response: FaceAnswer;
  readonly createdAt: Date;
}

/** Claims an idempotency key in the append's own transaction: both are written, or neither. */
export interface IdempotencyClaim {
  readonly face: FaceName;
  readonly tenant: string;
  readonly key: string;
  readonly requestHash: string;
  /** A function when the answer depends on what was stored (versions, positions). */
  readonly response: FaceAnswer | ((result: AppendResult) => FaceAnswer);
}

export interface AppendOptions {
  /**
   * Runs inside the append's transaction after the events and the inline projections are
   * written; throwing rolls everything back.
   */
  readonly inTransaction?: (tx: Transaction, result: AppendResult) => Promise<void>;
  readonly idempotency?: IdempotencyClaim;
}

/**
 * One writer's share of a batched append (group commit): its streams, its own metadata (actor,
 * request id) and its own options (idempotency key, answer).
 */
export interface AppendUnit {
  readonly requests: readonly AppendRequest[];
  readonly metadata: EventMetadata;
  readonly options?: AppendOptions;
}

export interface ReadStreamOptions {
  /** Inclusive; defaults to 1. */
  readonly fromVersion?: number;
  /** Inclusive. */
  readonly toVersion?: number;
  /** Inclusive, to the millisecond: the stream as it was at that instant. */
  readonly untilRecordedAt?: Date;
}

/** Where a feed reader stands: the last event it has handled. */
export interface FeedCheckpoint {
  readonly transactionId: string;
  readonly position: string;
}

/** Before the first event. */
export const FEED_START: FeedCheckpoint = Object.freeze({ transactionId: '0', position: '0' });

export interface ReadAllOptions {
  /**
   * A checkpoint returned by an earlier read, or the position of an event a client was given
   * (the API's `after=<position>`; '0' is the start). See PostgresEventStore.readAll.
   */
  readonly after?: FeedCheckpoint | string;
  /** 1..1000; defaults to 100. */
  readonly limit?: number;
  readonly tenant?: string;
  readonly streamType?: string;
}

export interface ReadAllResult {
  readonly events: readonly StoredEvent[];
  /** Pass as `after` to continue; unchanged when nothing new was returned. */
  readonly checkpoint: FeedCheckpoint;
}


/**
 * The port; also the injection token. The adapter writes the read models that requests read back
 * at once (inline projections) in each append's transaction; the core never sees them.
 */
export abstract class EventStore {
  /** Appends to several streams in one transaction: all of them, or none. */
  abstract appendToStreams(
    requests: readonly AppendRequest[],
    metadata: EventMetadata,
    options?: AppendOptions,
  ): Promise<AppendResult>;

  /**
   * Group commit: several writers' appends in one transaction, all or none. Units apply in order,
   * and a stream may appear in several of them: each unit's expected versions are checked against
   * the streams as the units before it left them. Each unit's events keep its own metadata; its
   * `inTransaction` runs after every unit's events and projections are written, in unit order.
   * Returns one result per unit.
   */
  abstract appendBatch(units: readonly AppendUnit[]): Promise<AppendResult[]>;

  abstract append(
    streamId: string,
    streamType: string,
    expectedVersion: ExpectedVersion,
    events: readonly NewEvent[],
    metadata: EventMetadata,
    options?: AppendOptions,
  ): Promise<StreamAppendResult>;

  /** The stream's events in version order, upcast; empty when the stream does not exist. */
  abstract readStream(streamId: string, options?: ReadStreamOptions): Promise<StoredEvent[]>;

  /** The global feed in commit order; a reader that follows `checkpoint` never skips an event. */
  abstract readAll(options?: ReadAllOptions): Promise<ReadAllResult>;

  /**
   * The first transaction id not yet handed out: every event of a transaction that had begun by
   * now has a smaller one. An export stops there, so it ends at the feed as it stood when asked.
   */
  abstract feedHorizon(): Promise<string>;

  /** The global position of the newest event ('0' when there is none). */
  abstract lastPosition(): Promise<string>;

  /**
   * Calls `listener` after appends commit, in any process (a wake-up call only: readers still read
   * the feed from their checkpoint, and poll too, since a wake-up can be lost). Returns how to stop.
   */
  abstract onAppended(listener: () => void): () => void;

  /** The record of a face's key used within the retention period, or undefined. */
  abstract findIdempotencyRecord(face: FaceName, tenant: string, key: string): Promise<IdempotencyRecord | undefined>;

  /** Deletes the idempotency records past the retention period; returns how many. */
  abstract purgeExpiredIdempotencyRecords(): Promise<number>;
}
