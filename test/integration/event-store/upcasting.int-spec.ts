import { PostgresEventStore } from '@sg/infra';
import { EventFamily, EventRegistry, FEED_START, integer, object, string, type StoredEvent } from '@sg/application';
import { followFeed, metadataFor, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

type RuleAdded = { type: 'SecurityGroupRuleAdded'; data: { ruleId: string; portRange: { from: number; to: number }; description: string } };

/** v1 stored a single port; v2 a range; v3 added a description. */
const registry = () =>
  new EventRegistry([
    new EventFamily<RuleAdded>('security-group', {
      SecurityGroupRuleAdded: {
        schemaVersion: 3,
        decode: object({ ruleId: string, portRange: object({ from: integer, to: integer }), description: string }),
        upcasters: {
          1: (data: { ruleId: string; port: number }) => ({ ruleId: data.ruleId, portRange: { from: data.port, to: data.port } }),
          2: (data: object) => ({ ...data, description: '' }),
        },
      },
    }),
  ]);

describe('PostgresEventStore: old event shapes are upcast on read', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const tenant = uniqueId('tenant');
  const streamId = uniqueId('sg');
  let stored: StoredEvent[];

  beforeAll(async () => {
    db = await createTestDatabase();
    // History written by the code of an older release, before any upcaster existed.
    const oldRelease = new PostgresEventStore(db.dataSource, { registry: new EventRegistry([]) });
    await oldRelease.append(
      streamId,
      'security-group',
      'no-stream',
      [{ type: 'SecurityGroupRuleAdded', data: { ruleId: 'sgr-old', port: 22 } }],
      metadataFor(tenant),
    );
    store = new PostgresEventStore(db.dataSource, { registry: registry() });
    const current = await store.append(
      streamId,
      'security-group',
      1,
      [{ type: 'SecurityGroupRuleAdded', data: { ruleId: 'sgr-new', portRange: { from: 443, to: 443 }, description: 'https' } }],
      metadataFor(tenant),
    );
    stored = [...current.events];
  });
  afterAll(() => db?.drop());

  const currentShapes = [
    { ruleId: 'sgr-old', portRange: { from: 22, to: 22 }, description: '' },
    { ruleId: 'sgr-new', portRange: { from: 443, to: 443 }, description: 'https' },
  ];

  it('reads a schema-1 event from a stream in the current shape', async () => {
    const events = await store.readStream(streamId);
    expect(events.map((event) => event.data)).toEqual(currentShapes);
    expect(events.map((event) => event.schemaVersion)).toEqual([3, 3]);
  });

  it('reads it in the current shape from the global feed too', async () => {
    const { events } = await followFeed(store, { after: FEED_START, tenant, enough: (seen) => seen.length >= 2 });
    expect(events.map((event) => event.data)).toEqual(currentShapes);
  });

  it('writes new events in the current schema version and never rewrites the old ones', async () => {
    expect(stored[0].schemaVersion).toBe(3);
    const rows: { schema_version: number; data: unknown }[] = await db.dataSource.query(
      `SELECT schema_version, data FROM events WHERE stream_id = $1 ORDER BY version`,
      [streamId],
    );
    expect(rows).toEqual([
      { schema_version: 1, data: { ruleId: 'sgr-old', port: 22 } },
      { schema_version: 3, data: currentShapes[1] },
    ]);
  });
});
