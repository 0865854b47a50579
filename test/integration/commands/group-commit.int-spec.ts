import { AppConfig, PostgresEventStore } from '@sg/infra';
import { CommandExecutor, Decided, HttpResult } from '../../../apps/api/src/platform/commands/command-executor';
import type { Waiting } from '../../../apps/api/src/platform/commands/keyed-batcher';
import type { RequestContext } from '../../../apps/api/src/platform/http/request-context';
import { metadataFor, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

type Entry = Waiting<{ ctx: RequestContext; note: string }, HttpResult>;

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
    executor = new CommandExecutor(store, { commandRetries: 5 } as AppConfig);
  });
  afterAll(() => db?.drop());

  const ctx = (note: string, extra: Partial<RequestContext> = {}): RequestContext => ({
    principal: { tenant: 'demo', role: 'member', actor: `demo/member#${note}` },
    requestId: `req-${note}`,
    idempotencyKey: null,
    requestHash: `hash-${note}`,
    ifMatch: null,
    callerIp: null,
    ...extra,
  });

  /** Submits the requests as one batch; each settles as the executor decides. */
  function runBatch(streamId: string, contexts: RequestContext[], afterLoad: (round: number) => Promise<void> = async () => undefined) {
    let round = 0;
    const settled: Promise<HttpResult>[] = [];
    const entries: Entry[] = contexts.map((c) => {
      let entry!: Entry;
      settled.push(new Promise<HttpResult>((resolve, reject) => (entry = { item: { ctx: c, note: c.requestId }, resolve, reject })));
      return entry;
    });
    const decide = async (pending: readonly Entry[]): Promise<Decided[]> => {
      let version = (await store.readStream(streamId)).length;
      await afterLoad(round++);
      return pending.map(({ item }) => {
        if (item.ctx.ifMatch !== null && item.ctx.ifMatch !== version) return { error: new Error(`412 for ${item.note}`) };
        const expectedVersion = version++;
        return {
          plan: {
            tenant: 'demo',
            appends: [{ streamId, streamType: 'note', expectedVersion, events: [{ type: 'noted', data: { note: item.note } }] }],
            respond: async (_tx, result) => {
              if (item.note === 'req-boom') throw new Error('this answer cannot be made');
              return { statusCode: 202, headers: {}, body: { note: item.note, version: result.streams[0].version } };
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
    expect(results.map((r) => r.status === 'fulfilled' && r.value.body)).toEqual([
      { note: 'req-a', version: 1 },
      { note: 'req-b', version: 2 },
      { note: 'req-c', version: 3 },
    ]);
    expect(await notes(streamId)).toEqual([[1, 'req-a', 'req-a'], [2, 'req-b', 'req-b'], [3, 'req-c', 'req-c']]);
    expect(new Set((await store.readStream(streamId)).map((e) => e.transactionId)).size).toBe(1);
  });

  it('another writer got there first: the batch is decided again, and only the If-Match request is refused', async () => {
    const streamId = uniqueId('note');
    const batch = runBatch(streamId, [ctx('b', { ifMatch: 0 }), ctx('a'), ctx('c')], async (round) => {
      // Between this batch's load and its append, another replica appends to the stream.
      if (round === 0) await store.append(streamId, 'note', 'no-stream', [{ type: 'noted', data: { note: 'elsewhere' } }], metadataFor('demo', { requestId: 'req-elsewhere' }));
    });
    await batch.done;
    const [b, a, c] = await batch.results;
    // b was decided on version 0, which the other writer moved on: its If-Match is stale.
    expect(b).toEqual({ status: 'rejected', reason: expect.objectContaining({ slug: 'version-mismatch' }) });
    expect(a).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-a', version: 2 } }) });
    expect(c).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-c', version: 3 } }) });
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
          idempotency: { face: 'v1', tenant: 'demo', key, requestHash: 'hash-b', response: { statusCode: 202, headers: {}, body: JSON.stringify({ first: true }) } },
        });
      }
    });
    await batch.done;
    const [a, b, c] = await batch.results;
    expect(a).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-a', version: 1 } }) });
    expect(b).toEqual({ status: 'fulfilled', value: { statusCode: 202, headers: { 'Idempotent-Replayed': 'true' }, body: { first: true } } });
    expect(c).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-c', version: 2 } }) });
    expect(await notes(streamId)).toEqual([[1, 'req-a', 'req-a'], [2, 'req-c', 'req-c']]);
  });

  it("one request's fault is not the others': the batch runs again one by one, and only that request fails", async () => {
    const streamId = uniqueId('note');
    const batch = runBatch(streamId, [ctx('a'), ctx('boom'), ctx('c')]);
    await batch.done;
    const [a, boom, c] = await batch.results;
    expect(a).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-a', version: 1 } }) });
    expect(boom).toEqual({ status: 'rejected', reason: expect.objectContaining({ message: 'this answer cannot be made' }) });
    expect(c).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-c', version: 2 } }) });
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
    executor = new CommandExecutor(guarded, { commandRetries: 60 } as AppConfig);
    try {
      const streamId = uniqueId('note');
      const batch = runBatch(streamId, [ctx('a'), ctx('dup'), ctx('c')]);
      await batch.done;
      const [a, dup, c] = await batch.results;
      expect(a).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-a', version: 1 } }) });
      expect(dup).toEqual({ status: 'rejected', reason: expect.objectContaining({ name: 'ReadModelClashError', constraint: 'rm_notes_note_uq' }) });
      expect(c).toEqual({ status: 'fulfilled', value: expect.objectContaining({ body: { note: 'req-c', version: 2 } }) });
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
