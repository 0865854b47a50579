import { PostgresEventStore } from '@sg/infra';
import { ConcurrencyError, IdempotencyConflictError } from '@sg/application';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** Group commit: several writers' appends in one transaction, each keeping its own metadata. */
describe('PostgresEventStore: batched appends (group commit)', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const tenant = 'demo';

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
  });
  afterAll(() => db?.drop());

  const accepted = (body: unknown) => ({ statusCode: 202, headers: {}, body });

  it('chains units on one stream, each checked against the version the units before it left', async () => {
    const streamId = uniqueId('sg');
    await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('sgr-0')], metadataFor(tenant));
    const alice = metadataFor(tenant, { actor: 'user:alice' });
    const bob = metadataFor('other', { actor: 'user:bob' });
    const opId = uniqueId('op');

    const results = await store.appendBatch([
      { requests: [{ streamId, streamType: 'security-group', expectedVersion: 1, events: [ruleAdded('sgr-1'), ruleAdded('sgr-2')] }], metadata: alice },
      {
        requests: [
          { streamId, streamType: 'security-group', expectedVersion: 3, events: [ruleAdded('sgr-3')] },
          { streamId: opId, streamType: 'operation', expectedVersion: 'no-stream', events: [{ type: 'OperationQueued', data: { opId } }] },
        ],
        metadata: bob,
      },
    ]);

    expect(results.map((r) => r.streams.map((s) => [s.streamId, s.version]))).toEqual([[[streamId, 3]], [[streamId, 4], [opId, 1]]]);
    expect(results[1].events.map((e) => e.version)).toEqual([4, 1]);
    const read = await store.readStream(streamId);
    expect(read.map((e) => [e.version, (e.data as { ruleId: string }).ruleId, e.metadata.actor])).toEqual([
      [1, 'sgr-0', 'user:alice'],
      [2, 'sgr-1', 'user:alice'],
      [3, 'sgr-2', 'user:alice'],
      [4, 'sgr-3', 'user:bob'],
    ]);
    // The tenant column follows each unit's metadata: the feed filtered by tenant shows bob's events only.
    const tenants: { tenant: string }[] = await db.dataSource.query(`SELECT tenant FROM events WHERE stream_id = $1 AND version = 4`, [streamId]);
    expect(tenants[0].tenant).toBe('other');
    expect(read[1].transactionId).toBe(read[3].transactionId);
  });

  it('writes nothing when any unit expects a version the units before it did not leave', async () => {
    const streamId = uniqueId('sg');
    const other = uniqueId('sg');
    await expect(
      store.appendBatch([
        { requests: [{ streamId: other, streamType: 'security-group', expectedVersion: 'no-stream', events: [ruleAdded('a')] }], metadata: metadataFor(tenant) },
        { requests: [{ streamId, streamType: 'security-group', expectedVersion: 'no-stream', events: [ruleAdded('b')] }], metadata: metadataFor(tenant) },
        // The stream is at 1 after the unit before: expecting 'no-stream' again clashes.
        { requests: [{ streamId, streamType: 'security-group', expectedVersion: 'no-stream', events: [ruleAdded('c')] }], metadata: metadataFor(tenant) },
      ]),
    ).rejects.toEqual(expect.objectContaining({ constructor: ConcurrencyError, streamId, actual: 1 }));
    await expect(store.readStream(streamId)).resolves.toEqual([]);
    await expect(store.readStream(other)).resolves.toEqual([]);
  });

  it("claims each unit's idempotency key and stores each unit's own answer", async () => {
    const [first, second] = [uniqueId('key'), uniqueId('key')];
    const streamId = uniqueId('sg');
    const seen: number[] = [];
    await store.appendBatch([first, second].map((key, i) => ({
      requests: [{ streamId, streamType: 'security-group', expectedVersion: i === 0 ? 'no-stream' : 1, events: [ruleAdded(`r${i}`)] }],
      metadata: metadataFor(tenant, { idempotencyKey: key }),
      options: {
        inTransaction: async (_tx, result) => void seen.push(result.streams[0].version),
        idempotency: { face: 'v1', tenant, key, requestHash: `h${i}`, response: (result) => accepted({ version: result.streams[0].version }) },
      },
    })));
    expect(seen).toEqual([1, 2]);
    expect(await store.findIdempotencyRecord('v1', tenant, first)).toMatchObject({ response: { body: { version: 1 } } });
    expect(await store.findIdempotencyRecord('v1', tenant, second)).toMatchObject({ response: { body: { version: 2 } } });
  });

  it('fails the whole batch on a key an earlier request already used, so the caller can replay it', async () => {
    const key = uniqueId('key');
    const streamId = uniqueId('sg');
    await store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('x')], metadataFor(tenant), {
      idempotency: { face: 'v1', tenant, key, requestHash: 'h', response: accepted({ first: true }) },
    });
    await expect(
      store.appendBatch([
        { requests: [{ streamId, streamType: 'security-group', expectedVersion: 'no-stream', events: [ruleAdded('a')] }], metadata: metadataFor(tenant) },
        {
          requests: [{ streamId, streamType: 'security-group', expectedVersion: 1, events: [ruleAdded('b')] }],
          metadata: metadataFor(tenant),
          options: { idempotency: { face: 'v1', tenant, key, requestHash: 'h', response: accepted({}) } },
        },
      ]),
    ).rejects.toBeInstanceOf(IdempotencyConflictError);
    await expect(store.readStream(streamId)).resolves.toEqual([]);
  });

  it('refuses one idempotency key twice in a batch before opening a transaction', async () => {
    const claim = { face: 'v1', tenant, key: uniqueId('key'), requestHash: 'h', response: accepted({}) };
    const unit = (streamId: string) => ({
      requests: [{ streamId, streamType: 'security-group', expectedVersion: 'no-stream' as const, events: [ruleAdded('a')] }],
      metadata: metadataFor(tenant),
      options: { idempotency: claim },
    });
    await expect(store.appendBatch([unit(uniqueId('sg')), unit(uniqueId('sg'))])).rejects.toThrow(/appears twice in one batch/);
    await expect(store.appendBatch([])).rejects.toThrow(/at least one unit/);
  });
});
