import { DEFAULT_LIMITS } from '@sg/domain';
import { PostgresEventStore } from '@sg/infra';
import type { WriteContext, Written } from '../../../libs/application/src';
import { CommandExecutor, Decided } from '../../../libs/application/src/write-path/command-executor';
import type { Waiting } from '../../../libs/application/src/write-path/keyed-batcher';
import { metadataFor, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** What each request comes to: its note, at the version its append gave the stream. */
interface Noted {
  note: string;
  version: number;
}
type Entry = Waiting<{ context: WriteContext<Noted>; note: string }, Written<Noted>>;

/**
 * The executor's group commit on the real store: a batch decided on one load, appended in one
 * transaction, and what happens to each request when that transaction cannot commit because
 * another writer (another replica, say) got there first.
 */
describe('CommandExecutor: batches of requests to one stream', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let executor: CommandExecutor;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
    executor = new CommandExecutor(store, { commandRetries: 5, limits: DEFAULT_LIMITS });
  });
  afterAll(() => db?.drop());

  const ctx = (note: string, extra: { idempotencyKey?: string; expectedVersion?: number } = {}): WriteContext<Noted> => ({
    actor: { tenant: 'demo', role: 'member', name: `demo/member#${note}`, requestId: `req-${note}`, idempotencyKey: extra.idempotencyKey ?? null },
    expectedVersion: extra.expectedVersion ?? null,
    // The face's answer is the outcome itself.
    reply: { face: 'test', requestHash: `hash-${note}`, answer: (outcome) => outcome },
  });

  /** Submits the requests as one batch; each settles as the executor decides. */
  function runBatch(streamId: string, contexts: WriteContext<Noted>[], afterLoad: (round: number) => Promise<void> = async () => undefined) {
    let round = 0;
    const settled: Promise<Written<Noted>>[] = [];
    const entries: Entry[] = contexts.map((c) => {
      let entry!: Entry;
      settled.push(new Promise<Written<Noted>>((resolve, reject) => (entry = { item: { context: c, note: c.actor.requestId }, resolve, reject })));
      return entry;
    });
    const decide = async (pending: readonly Entry[]): Promise<Decided<Noted>[]> => {
      let version = (await store.readStream(streamId)).length;
      await afterLoad(round++);
      return pending.map(({ item }) => {
        if (item.context.expectedVersion !== null && item.context.expectedVersion !== version) return { error: new Error(`stale version for ${item.note}`) };
        const expectedVersion = version++;
        return {
          plan: {
            tenant: 'demo',
            appends: [{ streamId, streamType: 'note', expectedVersion, events: [{ type: 'noted', data: { note: item.note } }] }],
            outcome: async (_tx, result) => {
              if (item.note === 'req-boom') throw new Error('this outcome cannot be made');
              return { note: item.note, version: result.streams[0].version };
            },
          },
        };
      });
    };
    const done = executor.executeBatch(entries, decide);
    return { done, results: Promise.allSettled(settled), rounds: () => round };
  }

  const notes = async (streamId: string) => (await store.readStream(streamId)).map((e) => [e.version, (e.data as { note: string }).note, e.metadata.requestId]);

  it('writes a batch in one transaction, each request answered with its own version and metadata', async () => {
    const streamId = uniqueId('note');
    const batch = runBatch(streamId, [ctx('a'), ctx('b'), ctx('c')]);
    await batch.done;
    const results = await batch.results;
    expect(results.map((r) => r.status === 'fulfilled' && !r.value.replayed && r.value.outcome)).toEqual([
      { note: 'req-a', version: 1 },
      { note: 'req-b', version: 2 },
      { note: 'req-c', version: 3 },
    ]);
    expect(await notes(streamId)).toEqual([[1, 'req-a', 'req-a'], [2, 'req-b', 'req-b'], [3, 'req-c', 'req-c']]);
    expect(new Set((await store.readStream(streamId)).map((e) => e.transactionId)).size).toBe(1);
  });

  it('another writer got there first: the batch is decided again, and only the request that named a version is refused', async () => {
    const streamId = uniqueId('note');
    const batch = runBatch(streamId, [ctx('b', { expectedVersion: 0 }), ctx('a'), ctx('c')], async (round) => {
      // Between this batch's load and its append, another replica appends to the stream.
      if (round === 0) await store.append(streamId, 'note', 'no-stream', [{ type: 'noted', data: { note: 'elsewhere' } }], metadataFor('demo', { requestId: 'req-elsewhere' }));
    });
    await batch.done;
    const [b, a, c] = await batch.results;
    // b was decided on version 0, which the other writer moved on: the version it named is stale.
    expect(b).toEqual({ status: 'rejected', reason: expect.objectContaining({ name: 'VersionMismatchError', code: 'version-mismatch', expected: 0, actual: 1, movedWhileApplying: true }) });
    expect(a).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-a', version: 2 } } });
    expect(c).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-c', version: 3 } } });
    expect(batch.rounds()).toBe(2);
    expect(await notes(streamId)).toEqual([[1, 'elsewhere', 'req-elsewhere'], [2, 'req-a', 'req-a'], [3, 'req-c', 'req-c']]);
  });

  it('a key another request claimed meanwhile: that request replays its answer, the others still land', async () => {
    const streamId = uniqueId('note');
    const key = uniqueId('key');
    const batch = runBatch(streamId, [ctx('a'), ctx('b', { idempotencyKey: key }), ctx('c')], async (round) => {
      // The same request (same hash) committed by another replica after this batch checked for replays.
      if (round === 0) {
        await store.append(uniqueId('note'), 'note', 'no-stream', [{ type: 'noted', data: {} }], metadataFor('demo'), {
          idempotency: { face: 'test', tenant: 'demo', key, requestHash: 'hash-b', response: { first: true } },
        });
      }
    });
    await batch.done;
    const [a, b, c] = await batch.results;
    expect(a).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-a', version: 1 } } });
    expect(b).toEqual({ status: 'fulfilled', value: { replayed: true, answer: { first: true } } });
    expect(c).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-c', version: 2 } } });
    expect(await notes(streamId)).toEqual([[1, 'req-a', 'req-a'], [2, 'req-c', 'req-c']]);
  });

  it("one request's fault is not the others': the batch runs again one by one, and only that request fails", async () => {
    const streamId = uniqueId('note');
    const batch = runBatch(streamId, [ctx('a'), ctx('boom'), ctx('c')]);
    await batch.done;
    const [a, boom, c] = await batch.results;
    expect(a).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-a', version: 1 } } });
    expect(boom).toEqual({ status: 'rejected', reason: expect.objectContaining({ message: 'this outcome cannot be made' }) });
    expect(c).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-c', version: 2 } } });
    expect(await notes(streamId)).toEqual([[1, 'req-a', 'req-a'], [2, 'req-c', 'req-c']]);
  });

  it('a request that breaks a read model\'s unique index whatever it decides fails alone, after a few tries', async () => {
    // A read model with a uniqueness rule its decisions do not know about: every try of 'dup' breaks it.
    await db.dataSource.query(`CREATE TABLE rm_notes (note text NOT NULL)`);
    await db.dataSource.query(`CREATE UNIQUE INDEX rm_notes_note_uq ON rm_notes (note)`);
    await db.dataSource.query(`INSERT INTO rm_notes VALUES ('req-dup')`);
    const guarded = new PostgresEventStore(db.dataSource);
    guarded.registerInlineProjection({
      name: 'notes',
      handles: (type) => type === 'noted',
      apply: async (tx, events) => {
        for (const e of events) await tx.query(`INSERT INTO rm_notes VALUES ($1)`, [(e.data as { note: string }).note]);
      },
    });
    const original = executor;
    executor = new CommandExecutor(guarded, { commandRetries: 60, limits: DEFAULT_LIMITS });
    try {
      const streamId = uniqueId('note');
      const batch = runBatch(streamId, [ctx('a'), ctx('dup'), ctx('c')]);
      await batch.done;
      const [a, dup, c] = await batch.results;
      expect(a).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-a', version: 1 } } });
      expect(dup).toEqual({ status: 'rejected', reason: expect.objectContaining({ name: 'ReadModelClashError', constraint: 'rm_notes_note_uq' }) });
      expect(c).toEqual({ status: 'fulfilled', value: { replayed: false, outcome: { note: 'req-c', version: 2 } } });
      // One batch, then each alone; 'dup' a few times, not the 60 a version clash may take.
      expect(batch.rounds()).toBeLessThan(10);
    } finally {
      executor = original;
    }
  });

  it('a failure that is not a clash (the database gone, say) reaches every request of the batch', async () => {
    const streamId = uniqueId('note');
    const batch = runBatch(streamId, [ctx('a'), ctx('b')], async () => {
      throw new Error('connection terminated');
    });
    await batch.done;
    const results = await batch.results;
    expect(results.map((r) => r.status === 'rejected' && (r.reason as Error).message)).toEqual(['connection terminated', 'connection terminated']);
    expect(await notes(streamId)).toEqual([]);
  });
});
