import { PostgresEventStore } from '@sg/infra';
import { ConcurrencyError, withRetry } from '@sg/application';
import { deferred } from '../../support/async';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const WRITERS = 50;

describe('PostgresEventStore: many writers on one stream', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
  });
  afterAll(() => db?.drop());

  it(`lets exactly one of ${WRITERS} writers with the same expected version win; the others get a ConcurrencyError`, async () => {
    const streamId = uniqueId('sg');
    await store.append(streamId, 'security-group', 'no-stream', [{ type: 'SecurityGroupCreated', data: {} }], metadataFor('demo'));

    const outcomes = await Promise.allSettled(
      Array.from({ length: WRITERS }, (_, i) => store.append(streamId, 'security-group', 1, [ruleAdded(`sgr-${i}`)], metadataFor('demo'))),
    );

    const won = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const lost = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(WRITERS - 1);
    for (const error of lost) {
      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId, expected: 1, actual: 2 });
    }
    expect((await store.readStream(streamId)).map((event) => event.version)).toEqual([1, 2]);
  });

  it(`lands all ${WRITERS} changes when each writer reloads and decides again (withRetry)`, async () => {
    const streamId = uniqueId('sg');
    // Every writer loads before any appends, so at least 49 of the first attempts must clash.
    let loaded = 0;
    const everyoneLoaded = deferred();
    const attemptsUsed: number[] = [];

    const addRule = (ruleId: string) =>
      withRetry(
        async (attempt) => {
          const history = await store.readStream(streamId);
          if (attempt === 1 && ++loaded === WRITERS) everyoneLoaded.resolve();
          if (attempt === 1) await everyoneLoaded.promise;
          // The decision depends on the state just loaded, as a command handler's would.
          if (history.some((event) => (event.data as { ruleId?: string }).ruleId === ruleId)) throw new Error('duplicate rule');
          const result = await store.append(streamId, 'security-group', history.length, [ruleAdded(ruleId)], metadataFor('demo'));
          attemptsUsed.push(attempt);
          return result;
        },
        // Every failed attempt means another writer committed in between, so a writer fails at
        // most WRITERS - 1 times: this bound makes success certain, not likely.
        { attempts: WRITERS },
      );

    const ruleIds = Array.from({ length: WRITERS }, (_, i) => `sgr-${i}`);
    await Promise.all(ruleIds.map(addRule));

    const stream = await store.readStream(streamId);
    expect(stream.map((event) => event.version)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
    expect(stream.map((event) => (event.data as { ruleId: string }).ruleId).sort()).toEqual([...ruleIds].sort());
    expect(Math.max(...attemptsUsed)).toBeGreaterThan(1);
  });

  it("never fails an 'any' append because another writer was appending at the same time", async () => {
    const streamId = uniqueId('sg');
    await Promise.all(
      Array.from({ length: WRITERS }, (_, i) => store.append(streamId, 'security-group', 'any', [ruleAdded(`sgr-${i}`)], metadataFor('demo'))),
    );
    const stream = await store.readStream(streamId);
    expect(stream.map((event) => event.version)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
  });

  it('never deadlocks appends that name the same streams in opposite orders', async () => {
    const [vpcId, groupId] = [uniqueId('vpc'), uniqueId('sg')];
    const request = (streamId: string, i: number) => ({
      streamId,
      streamType: streamId === vpcId ? 'vpc' : 'security-group',
      expectedVersion: 'any' as const,
      events: [{ type: 'Touched', data: { i } }],
    });

    await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        store.appendToStreams(i % 2 === 0 ? [request(vpcId, i), request(groupId, i)] : [request(groupId, i), request(vpcId, i)], metadataFor('demo')),
      ),
    );

    for (const streamId of [vpcId, groupId]) {
      expect((await store.readStream(streamId)).map((event) => event.version)).toEqual(Array.from({ length: WRITERS }, (_, i) => i + 1));
    }
  });
});
