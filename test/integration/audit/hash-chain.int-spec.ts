import { eventHash, jsonbText } from '@sg/application';
import { PostgresEventStore } from '@sg/infra';
import { EventHashChain1796200000000 } from '../../../libs/infra/src/database/migrations/1796200000000-EventHashChain';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

interface Row {
  position: string;
  stream_id: string;
  version: number;
  previous_hash: string | null;
  hash: string | null;
}

describe('the hash chain of the events', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
  });
  afterAll(() => db?.drop());

  async function rowsOf(streamId: string): Promise<Row[]> {
    return db.dataSource.query(`SELECT position::text, stream_id, version, previous_hash, hash FROM events WHERE stream_id = $1 ORDER BY version`, [streamId]);
  }

  /** Every event of the stream hashes, recomputed from what a reader is given, to what the append stored, each chained to the one before. */
  async function expectChained(streamId: string, length: number): Promise<void> {
    const events = await store.readStream(streamId);
    expect(events).toHaveLength(length);
    let previous: string | null = null;
    for (const event of events) {
      expect(event.previousHash).toBe(previous);
      expect(event.hash).toMatch(/^[0-9a-f]{64}$/);
      expect(eventHash({ ...event, previousHash: event.previousHash ?? null })).toBe(event.hash);
      previous = event.hash ?? null;
    }
  }

  it('chains single appends, batches of events and batches that append to one stream twice', async () => {
    const a = uniqueId('sg');
    const b = uniqueId('sg');
    await store.append(a, 'security-group', 'no-stream', [ruleAdded('r1', 22)], metadataFor('demo'));
    await store.append(a, 'security-group', 1, [ruleAdded('r2', 80), ruleAdded('r3', 443)], metadataFor('demo', { idempotencyKey: 'k-1' }));
    // Two units of one batch (group commit) on the same stream: the second chains to the first.
    await store.appendBatch([
      {
        requests: [
          { streamId: a, streamType: 'security-group', expectedVersion: 3, events: [ruleAdded('r4', 3389)] },
          { streamId: b, streamType: 'security-group', expectedVersion: 'no-stream', events: [ruleAdded('r5', 1)] },
        ],
        metadata: { actor: 'system/test', tenant: 'demo' },
      },
      { requests: [{ streamId: a, streamType: 'security-group', expectedVersion: 4, events: [ruleAdded('r6', 5)] }], metadata: metadataFor('other') },
    ]);
    await expectChained(a, 5);
    await expectChained(b, 1);
  });

  it('hashes data as the database prints it: unicode, escapes, keys of every length, numbers', async () => {
    const id = uniqueId('sg');
    const data = { 'é': 'ünï "q" \\ \n\t\u0001 ☃ 😀', bb: [1, -2, 0.5, 1e-7, 12345678901234, true, null, {}], a: { z: 1, yy: [], x: '' }, '': 0 };
    await store.append(id, 'security-group', 'no-stream', [{ type: 'Probe', data }], metadataFor('demo'));
    const [{ text }] = (await db.dataSource.query(`SELECT data::text AS text FROM events WHERE stream_id = $1`, [id])) as { text: string }[];
    expect(jsonbText(data)).toBe(text);
    await expectChained(id, 1);
  });

  it('refuses nothing the service role could not do before, and gives it no way to rewrite a hash', async () => {
    const id = uniqueId('sg');
    await store.append(id, 'security-group', 'no-stream', [ruleAdded('r1')], metadataFor('demo'));
    await expect(db.dataSource.query(`UPDATE events SET hash = 'x' WHERE stream_id = $1`, [id])).rejects.toMatchObject({ code: '23001' });
  });

  it('backfills the events stored before the migration, as its owner, and appends chain on from them', async () => {
    const before = uniqueId('sg');
    const runner = db.dataSource.createQueryRunner();
    try {
      await new EventHashChain1796200000000().down(runner);
      // The append of the previous migration: no hash.
      await store.append(before, 'security-group', 'no-stream', [ruleAdded('r1'), ruleAdded('r2')], metadataFor('demo'));
      await new EventHashChain1796200000000().up(runner);
    } finally {
      await runner.release();
    }
    await store.append(before, 'security-group', 2, [ruleAdded('r3')], metadataFor('demo'));
    await expectChained(before, 3);
    const rows = await rowsOf(before);
    expect(rows.every((row) => row.hash !== null)).toBe(true);
    // Events of the earlier tests were rehashed to the same values: their chain still holds.
    const [{ unhashed }] = (await db.dataSource.query(`SELECT count(*)::int AS unhashed FROM events WHERE hash IS NULL`)) as { unhashed: number }[];
    expect(unhashed).toBe(0);
  });
});
