import { PostgresEventStore } from '@sg/infra';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('events table: append-only, enforced by the database', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const streamId = uniqueId('sg');

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
    await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('sgr-1', 22)], metadataFor('demo'));
  });
  afterAll(() => db?.drop());

  it.each([
    ['UPDATE', `UPDATE events SET data = '{"port": 3389}' WHERE stream_id = $1`, [streamId]],
    ['DELETE', `DELETE FROM events WHERE stream_id = $1`, [streamId]],
    ['DELETE', `DELETE FROM events WHERE false`, []],
    ['TRUNCATE', `TRUNCATE events`, []],
  ])('refuses %s (%s) and leaves the history as it was', async (operation, sql, params) => {
    const before = await store.readStream(streamId);

    await expect(db.dataSource.query(sql, params)).rejects.toMatchObject({
      code: '23001',
      message: `events are append-only: ${operation} on table events is not allowed`,
    });

    expect(await store.readStream(streamId)).toEqual(before);
    expect(before.map((event) => event.data)).toEqual([expect.objectContaining({ ruleId: 'sgr-1', port: 22 })]);
  });
});
