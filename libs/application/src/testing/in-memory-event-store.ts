import { ConcurrencyError, IdempotencyConflictError } from '../ports/event-store.errors';
import {
  type AppendOptions,
  type AppendRequest,
  type AppendResult,
  type AppendUnit,
  type EventMetadata,
  EventStore,
  type ExpectedVersion,
  type FaceName,
  FEED_START,
  type IdempotencyRecord,
  type NewEvent,
  type ReadAllResult,
  type ReadStreamOptions,
  type StoredEvent,
  type StreamAppendResult,
  Transaction,
} from '../ports/event-store.port';

/** The transaction of an in-memory append. */
export class InMemoryTransaction extends Transaction {}

/**
 * The event-store port in memory, for unit tests of the core: expected versions, batches (each unit
 * on the streams as the units before it left them), idempotency claims and answers, all or nothing.
 * `batches` records how many units each appendBatch carried.
 */
export class InMemoryEventStore extends EventStore {
  readonly events: StoredEvent[] = [];
  readonly batches: number[] = [];
  private readonly records = new Map<string, IdempotencyRecord>();

  async appendBatch(units: readonly AppendUnit[]): Promise<AppendResult[]> {
    this.batches.push(units.length);
    const versions = new Map<string, number>();
    const versionOf = (id: string) => versions.get(id) ?? this.events.filter((e) => e.streamId === id).length;
    const stored: StoredEvent[] = [];
    const results = units.map((unit) => {
      const claim = unit.options?.idempotency;
      if (claim && this.records.has(recordKey(claim.face, claim.tenant, claim.key))) {
        throw new IdempotencyConflictError(claim.tenant, claim.key, this.records.get(recordKey(claim.face, claim.tenant, claim.key)));
      }
      const streams = unit.requests.map((request) => {
        const actual = versionOf(request.streamId);
        if (!satisfies(request.expectedVersion, actual)) throw new ConcurrencyError(request.streamId, request.expectedVersion, actual);
        const events = request.events.map((event, i) => this.store(request, event, actual + i + 1, unit.metadata, this.events.length + stored.length + i + 1));
        stored.push(...events);
        versions.set(request.streamId, actual + events.length);
        return { streamId: request.streamId, streamType: request.streamType, version: actual + events.length, events };
      });
      return { events: streams.flatMap((s) => s.events), streams };
    });
    const tx = new InMemoryTransaction();
    for (const [i, unit] of units.entries()) await unit.options?.inTransaction?.(tx, results[i]);
    for (const [i, unit] of units.entries()) {
      const claim = unit.options?.idempotency;
      if (!claim) continue;
      const response = typeof claim.response === 'function' ? claim.response(results[i]) : claim.response;
      this.records.set(recordKey(claim.face, claim.tenant, claim.key), { ...claim, response, createdAt: new Date() });
    }
    this.events.push(...stored);
    return results;
  }

  async appendToStreams(requests: readonly AppendRequest[], metadata: EventMetadata, options?: AppendOptions): Promise<AppendResult> {
    return (await this.appendBatch([{ requests, metadata, options }]))[0];
  }

  async append(streamId: string, streamType: string, expectedVersion: ExpectedVersion, events: readonly NewEvent[], metadata: EventMetadata, options?: AppendOptions): Promise<StreamAppendResult> {
    return (await this.appendToStreams([{ streamId, streamType, expectedVersion, events }], metadata, options)).streams[0];
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.streamId === streamId && e.version >= (options.fromVersion ?? 1) && e.version <= (options.toVersion ?? Infinity));
  }

  async readAll(): Promise<ReadAllResult> {
    return { events: [...this.events], checkpoint: FEED_START };
  }

  async findIdempotencyRecord(face: FaceName, tenant: string, key: string): Promise<IdempotencyRecord | undefined> {
    return this.records.get(recordKey(face, tenant, key));
  }

  async purgeExpiredIdempotencyRecords(): Promise<number> {
    return 0;
  }

  async feedHorizon(): Promise<string> {
    return '0';
  }

  async lastPosition(): Promise<string> {
    return String(this.events.length);
  }

  onAppended(): () => void {
    return () => undefined;
  }

  private store(request: AppendRequest, event: NewEvent, version: number, metadata: EventMetadata, position: number): StoredEvent {
    return {
      position: String(position),
      transactionId: '1',
      streamId: request.streamId,
      streamType: request.streamType,
      version,
      type: event.type,
      schemaVersion: 1,
      // As a database would: the stored data is a copy, never the decider's object.
      data: JSON.parse(JSON.stringify(event.data)),
      metadata,
      recordedAt: new Date(),
    };
  }
}

function recordKey(face: string, tenant: string, key: string): string {
  return JSON.stringify([face, tenant, key]);
}

function satisfies(expected: ExpectedVersion, actual: number): boolean {
  return expected === 'any' || (expected === 'no-stream' ? 0 : expected) === actual;
}
