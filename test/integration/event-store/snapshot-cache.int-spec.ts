import { PostgresEventStore } from '@sg/infra';
import { type AggregateType, EventFamily, integer, loadAggregate, object, ReadStreamOptions, SnapshotCache } from '@sg/application';
import { metadataFor, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

interface Added { type: 'added'; data: { n: number } }
const counter: AggregateType<number, Added> = {
  events: new EventFamily<Added>('counter', { added: { schemaVersion: 1, decode: object({ n: integer }) } }),
  evolve: (total, e) => total + e.data.n,
  initial: () => 0,
};

/** Loading through the cache gives what folding the whole stream gives, reading only what is new. */
describe('SnapshotCache', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let reads: { streamId: string; fromVersion: number }[];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
    const readStream = store.readStream.bind(store);
    store.readStream = (streamId: string, options?: ReadStreamOptions) => {
      reads.push({ streamId, fromVersion: options?.fromVersion ?? 1 });
      return readStream(streamId, options);
    };
  });
  beforeEach(() => (reads = []));
  afterAll(() => db?.drop());

  const add = (streamId: string, expected: number | 'no-stream', ...ns: number[]) =>
    store.append(streamId, 'counter', expected, ns.map((n) => ({ type: 'added', data: { n } })), metadataFor('demo'));

  it('folds only the events appended since it last read, by any writer', async () => {
    const cache = new SnapshotCache(counter);
    const id = uniqueId('counter');
    await add(id, 'no-stream', 1, 2, 3);
    await expect(cache.load(store, id)).resolves.toEqual({ state: 6, version: 3 });
    await add(id, 3, 10, 20);
    await expect(cache.load(store, id)).resolves.toEqual({ state: 36, version: 5 });
    await expect(cache.load(store, id)).resolves.toEqual({ state: 36, version: 5 });
    expect(reads.map((r) => r.fromVersion)).toEqual([1, 4, 6]);
    reads = [];
    await expect(cache.load(store, id)).resolves.toEqual(await loadAggregate(store, id, counter));
  });

  it('forgets the least recently used stream past its capacity, and reads it whole again', async () => {
    const cache = new SnapshotCache(counter, 2);
    const [a, b, c] = [uniqueId('a'), uniqueId('b'), uniqueId('c')];
    for (const id of [a, b, c]) await add(id, 'no-stream', 5);
    await cache.load(store, a);
    await cache.load(store, b);
    await cache.load(store, a);
    await cache.load(store, c);
    reads = [];
    // a and c are kept; b, the least recently used, was let go.
    await expect(cache.load(store, c)).resolves.toEqual({ state: 5, version: 1 });
    await expect(cache.load(store, a)).resolves.toEqual({ state: 5, version: 1 });
    await expect(cache.load(store, b)).resolves.toEqual({ state: 5, version: 1 });
    expect(reads.map((r) => [r.streamId, r.fromVersion])).toEqual([[c, 2], [a, 2], [b, 1]]);
  });

  it('loads a stream of another kind, or none, as the initial state and keeps nothing of it', async () => {
    const cache = new SnapshotCache(counter);
    const other = uniqueId('other');
    await store.append(other, 'something-else', 'no-stream', [{ type: 'unrelated', data: {} }], metadataFor('demo'));
    await expect(cache.load(store, other)).resolves.toEqual({ state: 0, version: 1 });
    await expect(cache.load(store, uniqueId('none'))).resolves.toEqual({ state: 0, version: 0 });
  });
});
