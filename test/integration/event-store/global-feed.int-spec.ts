import fc from 'fast-check';
import { Client } from 'pg';
import { PostgresCheckpointStore, PostgresEventStore } from '@sg/infra';
import { FEED_START, type FeedCheckpoint, type StoredEvent, UnknownPositionError } from '@sg/application';
import { eventually } from '../../support/async';
import { followFeed, metadataFor, ruleAdded, startHeldAppend, uniqueId } from '../../support/event-store-fixtures';
import { withDatabase } from '../../../libs/infra/src/database/database.config';
import { serverUrl } from '../../support/databases';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const feedOrder = (a: StoredEvent, b: StoredEvent): number => {
  const [ax, bx] = [BigInt(a.transactionId), BigInt(b.transactionId)];
  if (ax !== bx) return ax < bx ? -1 : 1;
  return BigInt(a.position) < BigInt(b.position) ? -1 : 1;
};

describe('PostgresEventStore: the global feed', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
  });
  afterAll(() => db?.drop());

  describe('out-of-order commits', () => {
    it('holds back a later position until the earlier transaction commits, so a checkpointed reader skips nothing', async () => {
      const tenant = uniqueId('tenant');
      const checkpoints = new PostgresCheckpointStore(db.dataSource);
      const reader = uniqueId('relay');

      // A takes position p1 and stays open; B takes p2 > p1 and commits first.
      const a = await startHeldAppend(store, uniqueId('sg'), [ruleAdded('from-a')], metadataFor(tenant));
      const b = await store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('from-b')], metadataFor(tenant));
      const p1 = a.result.events[0].position;
      const p2 = b.events[0].position;
      expect(BigInt(p2)).toBeGreaterThan(BigInt(p1));

      // A reader ordering by position alone would now see p2, move past it, and never see p1.
      const byPosition: { position: string }[] = await db.dataSource.query(
        `SELECT position::text AS position FROM events WHERE tenant = $1 ORDER BY position`,
        [tenant],
      );
      expect(byPosition.map((row) => row.position)).toEqual([p2]);

      // The feed returns neither while A is open, and the reader's checkpoint does not move past p1.
      const whileOpen = await store.readAll({ after: await checkpoints.load(reader), tenant });
      expect(whileOpen.events).toEqual([]);
      await checkpoints.save(reader, whileOpen.checkpoint);

      await a.commit();

      const after = await followFeed(store, { after: await checkpoints.load(reader), tenant, enough: (events) => events.length >= 2 });
      await checkpoints.save(reader, after.checkpoint);
      expect(after.events.map((event) => event.position)).toEqual([p1, p2]);
      expect(await checkpoints.load(reader)).toEqual({ transactionId: b.events[0].transactionId, position: p2 });

      // Nothing is delivered twice to a reader that resumes from its saved checkpoint.
      await expect(store.readAll({ after: await checkpoints.load(reader), tenant })).resolves.toMatchObject({ events: [] });
    });

    it('orders by transaction, so a transaction that started writing first comes first even with a later position', async () => {
      const tenant = uniqueId('tenant');
      const early = new Client({ connectionString: db.url });
      await early.connect();
      try {
        // `early` takes its transaction id first but inserts its event last.
        await early.query('BEGIN');
        const { rows } = await early.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
        const late = await store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('late-xid')], metadataFor(tenant));
        const inserted = await early.query<{ position: string }>(
          `INSERT INTO events (stream_id, stream_type, version, type, data, metadata, tenant)
           VALUES ($1, 'security-group', 1, 'SecurityGroupRuleAdded', '{}', $2, $3) RETURNING position::text AS position`,
          [uniqueId('sg'), JSON.stringify(metadataFor(tenant)), tenant],
        );
        expect((await store.readAll({ tenant })).events).toEqual([]);
        await early.query('COMMIT');

        const { events } = await followFeed(store, { after: FEED_START, tenant, enough: (seen) => seen.length >= 2 });
        expect(events.map((event) => event.position)).toEqual([inserted.rows[0].position, late.events[0].position]);
        expect(events[0].transactionId).toBe(rows[0].xid);
      } finally {
        await early.end();
      }
    });

    it('is not held back by a transaction in another database on the same server', async () => {
      const tenant = uniqueId('tenant');
      // Another database's long transaction that has written (it holds a transaction id): a
      // report, a migration, another service. Only this database's transactions can add events here.
      const elsewhere = new Client({ connectionString: withDatabase(serverUrl(), 'postgres') });
      await elsewhere.connect();
      try {
        await elsewhere.query('BEGIN');
        await elsewhere.query('SELECT pg_current_xact_id()');
        const appended = await store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('while-elsewhere-open')], metadataFor(tenant));
        const { events } = await store.readAll({ tenant });
        expect(events.map((event) => event.position)).toEqual([appended.events[0].position]);
      } finally {
        await elsewhere.query('ROLLBACK').catch(() => undefined);
        await elsewhere.end();
      }
    });

    it('delivers every committed event exactly once, in feed order, whatever the interleaving (property)', async () => {
      const clients = await Promise.all(
        Array.from({ length: 4 }, async () => {
          const client = new Client({ connectionString: db.url });
          await client.connect();
          return client;
        }),
      );
      try {
        const writer = fc.record({ takesXidEarly: fc.boolean(), commits: fc.boolean() });
        const schedule = fc.record({
          writers: fc.array(writer, { minLength: 2, maxLength: clients.length }),
          choices: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
        });
        await fc.assert(
          fc.asyncProperty(schedule, async ({ writers, choices }) => {
            const tenant = uniqueId('tenant');
            const committed = new Set<string>();
            const delivered: StoredEvent[] = [];
            let checkpoint: FeedCheckpoint = FEED_START;

            // After every step of every writer, a reader polls once and checks what it has so far.
            const poll = async () => {
              const page = await store.readAll({ after: checkpoint, tenant });
              delivered.push(...page.events);
              checkpoint = page.checkpoint;
              const positions = delivered.map((event) => event.position);
              expect(new Set(positions).size).toBe(positions.length);
              for (const position of positions) expect(committed.has(position)).toBe(true);
              expect([...delivered].sort(feedOrder)).toEqual(delivered);
            };
            await interleave(clients.slice(0, writers.length), writers, choices, tenant, committed, poll);

            // Only another transaction on the server can delay the rest, and not for long.
            await eventually(async () => (await poll(), delivered.length === committed.size ? true : undefined), {
              what: 'every committed event',
              timeoutMs: 5_000,
            });
            expect(new Set(delivered.map((event) => event.position))).toEqual(committed);
          }),
          // A failing run reports its schedule at once: shrinking would wait out each timeout.
          { numRuns: 40, endOnFailure: true },
        );
      } finally {
        await Promise.all(clients.map((client) => client.end()));
      }
    });
  });

  describe('cursors', () => {
    it("continues after a client's plain position exactly as after the full checkpoint", async () => {
      const tenant = uniqueId('tenant');
      for (let i = 0; i < 3; i++) {
        await store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded(`r${i}`), ruleAdded(`s${i}`)], metadataFor(tenant));
      }
      const { events } = await followFeed(store, { after: FEED_START, tenant, enough: (seen) => seen.length >= 6 });
      const third = events[2];

      const byCheckpoint = await store.readAll({ after: { transactionId: third.transactionId, position: third.position }, tenant });
      const byPosition = await store.readAll({ after: third.position, tenant });

      expect(byPosition).toEqual(byCheckpoint);
      expect(byPosition.events.map((event) => event.position)).toEqual(events.slice(3).map((event) => event.position));
      await expect(store.readAll({ after: '0', tenant })).resolves.toMatchObject({ events });
    });

    it('refuses a position that names no event rather than guessing where to continue', async () => {
      await expect(store.readAll({ after: '9223372036854775807' })).rejects.toBeInstanceOf(UnknownPositionError);
      await expect(store.readAll({ after: 'abc' })).rejects.toMatchObject({ code: 'unknown-position' });
    });

    it('pages with limit without gaps or repeats, and keeps the checkpoint when nothing is new', async () => {
      const tenant = uniqueId('tenant');
      const appended: string[] = [];
      for (let i = 0; i < 7; i++) {
        const result = await store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded(`r${i}`)], metadataFor(tenant));
        appended.push(result.events[0].position);
      }
      await followFeed(store, { after: FEED_START, tenant, enough: (seen) => seen.length >= 7 });

      const pages: string[][] = [];
      let checkpoint: FeedCheckpoint = FEED_START;
      for (;;) {
        const page = await store.readAll({ after: checkpoint, tenant, limit: 3 });
        if (page.events.length === 0) {
          expect(page.checkpoint).toEqual(checkpoint);
          break;
        }
        pages.push(page.events.map((event) => event.position));
        checkpoint = page.checkpoint;
      }
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat()).toEqual(appended);
    });
  });

  describe('filters', () => {
    it('shows a tenant only its own events, and an operator every tenant\'s; filters by stream type', async () => {
      const mine = uniqueId('tenant');
      const theirs = uniqueId('tenant');
      const groupType = uniqueId('security-group');
      await store.append(uniqueId('vpc'), 'vpc', 'no-stream', [{ type: 'VpcCreated', data: {} }], metadataFor(mine));
      await store.append(uniqueId('sg'), groupType, 'no-stream', [ruleAdded('a')], metadataFor(mine));
      await store.append(uniqueId('sg'), groupType, 'no-stream', [ruleAdded('b')], metadataFor(theirs));

      const { events } = await followFeed(store, { after: FEED_START, tenant: mine, enough: (seen) => seen.length >= 2 });
      expect(events.map((event) => [event.metadata.tenant, event.type])).toEqual([
        [mine, 'VpcCreated'],
        [mine, 'SecurityGroupRuleAdded'],
      ]);

      const mineOfType = await store.readAll({ tenant: mine, streamType: groupType });
      expect(mineOfType.events.map((event) => event.metadata.tenant)).toEqual([mine]);
      const everyTenantOfType = await eventually(async () => {
        const page = await store.readAll({ streamType: groupType });
        return page.events.length >= 2 ? page : undefined;
      });
      expect(everyTenantOfType.events.map((event) => event.metadata.tenant)).toEqual([mine, theirs]);
    });
  });
});

type Step = 'begin' | 'xid' | 'insert' | 'end';

/**
 * Runs one transaction per client, each inserting one event, with their steps interleaved as
 * `choices` say: a writer may take its transaction id before inserting (as an append with an
 * idempotency key does), and commit or roll back. Adds the position of each commit to `committed`.
 */
async function interleave(
  clients: Client[],
  writers: readonly { takesXidEarly: boolean; commits: boolean }[],
  choices: readonly number[],
  tenant: string,
  committed: Set<string>,
  afterEachStep: () => Promise<void>,
): Promise<void> {
  const pending = writers.map((w): Step[] => (w.takesXidEarly ? ['begin', 'xid', 'insert', 'end'] : ['begin', 'insert', 'end']));
  const positions = new Map<number, string>();
  try {
    for (let turn = 0; pending.some((steps) => steps.length > 0); turn++) {
      const active = pending.flatMap((steps, index) => (steps.length > 0 ? [index] : []));
      const index = active[(choices[turn % choices.length] + turn) % active.length];
      const client = clients[index];
      switch (pending[index].shift()) {
        case 'begin':
          await client.query('BEGIN');
          break;
        case 'xid':
          await client.query('SELECT pg_current_xact_id()');
          break;
        case 'insert': {
          const { rows } = await client.query<{ position: string }>(
            `INSERT INTO events (stream_id, stream_type, version, type, data, metadata, tenant)
             VALUES ($1, 'probe', 1, 'Probe', '{}', $2, $3) RETURNING position::text AS position`,
            [uniqueId('probe'), JSON.stringify(metadataFor(tenant)), tenant],
          );
          positions.set(index, rows[0].position);
          break;
        }
        case 'end':
          await client.query(writers[index].commits ? 'COMMIT' : 'ROLLBACK');
          if (writers[index].commits) committed.add(positions.get(index)!);
          break;
      }
      await afterEachStep();
    }
  } finally {
    // A failed run must not leave a client inside its transaction for the next run.
    await Promise.all(clients.map((client, index) => (pending[index].length > 0 ? client.query('ROLLBACK') : undefined)));
  }
}
