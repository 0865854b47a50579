import { Client } from 'pg';
import { entityManagerOf, EVENTS_APPENDED_CHANNEL, PostgresEventStore } from '@sg/infra';
import { ConcurrencyError } from '@sg/application';
import { deferred } from '../../support/async';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

describe('PostgresEventStore: appending and reading streams', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const tenant = 'demo';

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
  });
  afterAll(() => db?.drop());

  describe('round trip', () => {
    it('reads back what was appended, in version order, with positions and metadata', async () => {
      const streamId = uniqueId('sg');
      const metadata = metadataFor(tenant, { idempotencyKey: 'key-1' });
      const created = { type: 'SecurityGroupCreated', data: { name: 'web-servers', vpcId: 'vpc-1' } };

      const appended = await store.append(streamId, 'security-group', 'no-stream', [created, ruleAdded('sgr-1')], metadata);
      const read = await store.readStream(streamId);

      expect(appended.version).toBe(2);
      expect(read).toEqual(appended.events);
      expect(read.map((event) => [event.version, event.type])).toEqual([
        [1, 'SecurityGroupCreated'],
        [2, 'SecurityGroupRuleAdded'],
      ]);
      expect(read[0]).toMatchObject({
        streamId,
        streamType: 'security-group',
        schemaVersion: 1,
        data: { name: 'web-servers', vpcId: 'vpc-1' },
        metadata,
      });
      expect(read[0].recordedAt).toBeInstanceOf(Date);
      expect(BigInt(read[1].position)).toBeGreaterThan(BigInt(read[0].position));
      expect(read[0].transactionId).toBe(read[1].transactionId);
    });

    it('returns an empty list for a stream that does not exist', async () => {
      await expect(store.readStream(uniqueId('sg'))).resolves.toEqual([]);
    });

    it('reads a version range, and the stream as it was at an instant', async () => {
      const streamId = uniqueId('sg');
      await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('sgr-1'), ruleAdded('sgr-2')], metadataFor(tenant));
      const [, second] = await store.readStream(streamId);
      await new Promise((resolve) => setTimeout(resolve, 20));
      await store.append(streamId, 'security-group', 2, [ruleAdded('sgr-3'), ruleAdded('sgr-4')], metadataFor(tenant));

      const versions = async (options: Parameters<PostgresEventStore['readStream']>[1]) =>
        (await store.readStream(streamId, options)).map((event) => event.version);
      await expect(versions({ fromVersion: 2 })).resolves.toEqual([2, 3, 4]);
      await expect(versions({ fromVersion: 2, toVersion: 3 })).resolves.toEqual([2, 3]);
      await expect(versions({ untilRecordedAt: second.recordedAt })).resolves.toEqual([1, 2]);
    });
  });

  describe('expected version', () => {
    it("'any' appends to a new stream and to an existing one", async () => {
      const streamId = uniqueId('sg');
      await expect(store.append(streamId, 'security-group', 'any', [ruleAdded('a')], metadataFor(tenant))).resolves.toMatchObject({ version: 1 });
      await expect(store.append(streamId, 'security-group', 'any', [ruleAdded('b')], metadataFor(tenant))).resolves.toMatchObject({ version: 2 });
    });

    it("'no-stream' and 0 both mean the stream must not exist yet", async () => {
      const first = uniqueId('sg');
      const second = uniqueId('sg');
      await store.append(first, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant));
      await store.append(second, 'security-group', 0, [ruleAdded('a')], metadataFor(tenant));

      await expect(store.append(first, 'security-group', 'no-stream', [ruleAdded('b')], metadataFor(tenant))).rejects.toEqual(
        expect.objectContaining({ streamId: first, expected: 'no-stream', actual: 1 }),
      );
      await expect(store.append(second, 'security-group', 0, [ruleAdded('b')], metadataFor(tenant))).rejects.toBeInstanceOf(ConcurrencyError);
    });

    it('an exact version appends when it is the current one', async () => {
      const streamId = uniqueId('sg');
      await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a'), ruleAdded('b')], metadataFor(tenant));
      const result = await store.append(streamId, 'security-group', 2, [ruleAdded('c')], metadataFor(tenant));
      expect(result.version).toBe(3);
      expect(result.events.map((event) => event.version)).toEqual([3]);
    });

    it('a stale version is a ConcurrencyError that names the stream and both versions, and writes nothing', async () => {
      const streamId = uniqueId('sg');
      await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a'), ruleAdded('b')], metadataFor(tenant));

      const error = await store.append(streamId, 'security-group', 1, [ruleAdded('late')], metadataFor(tenant)).catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ConcurrencyError);
      expect(error).toMatchObject({ streamId, expected: 1, actual: 2, code: 'concurrency-conflict' });
      expect((await store.readStream(streamId)).map((event) => (event.data as { ruleId: string }).ruleId)).toEqual(['a', 'b']);
    });

    it('a writer that bypassed the store and took the version first still turns into a ConcurrencyError (unique constraint)', async () => {
      const streamId = uniqueId('sg');
      const intruder = new Client({ connectionString: db.url });
      await intruder.connect();
      try {
        await intruder.query('BEGIN');
        await intruder.query(
          `INSERT INTO events (stream_id, stream_type, version, type, data, metadata, tenant)
           VALUES ($1, 'security-group', 1, 'SecurityGroupCreated', '{}', '{"actor": "x", "tenant": "demo"}', 'demo')`,
          [streamId],
        );
        // Our append sees no event yet (uncommitted), takes version 1 too, and waits on the index.
        const append = store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant));
        const outcome = append.catch((e: unknown) => e);
        await new Promise((resolve) => setTimeout(resolve, 100));
        await intruder.query('COMMIT');

        await expect(outcome).resolves.toMatchObject({ name: 'ConcurrencyError', streamId, expected: 'no-stream', actual: 1 });
        expect((await store.readStream(streamId)).map((event) => event.type)).toEqual(['SecurityGroupCreated']);
      } finally {
        await intruder.end();
      }
    });

    it('refuses to add to a stream under another stream type', async () => {
      const streamId = uniqueId('vpc');
      await store.append(streamId, 'vpc', 'no-stream', [{ type: 'VpcCreated', data: {} }], metadataFor(tenant));
      await expect(store.append(streamId, 'security-group', 'any', [ruleAdded('a')], metadataFor(tenant))).rejects.toThrow(/is a vpc stream/);
    });
  });

  describe('several streams in one append', () => {
    it('creates a VPC and its default group together, in one transaction', async () => {
      const vpcId = uniqueId('vpc');
      const groupId = uniqueId('sg');

      const result = await store.appendToStreams(
        [
          { streamId: vpcId, streamType: 'vpc', expectedVersion: 'no-stream', events: [{ type: 'VpcCreated', data: { name: 'prod' } }] },
          {
            streamId: groupId,
            streamType: 'security-group',
            expectedVersion: 'no-stream',
            events: [{ type: 'SecurityGroupCreated', data: { name: 'default', isDefault: true } }, ruleAdded('sgr-dhcp', 67)],
          },
        ],
        metadataFor(tenant),
      );

      expect(result.streams.map((stream) => [stream.streamId, stream.version])).toEqual([
        [vpcId, 1],
        [groupId, 2],
      ]);
      expect(result.events.map((event) => event.streamId)).toEqual([vpcId, groupId, groupId]);
      expect(new Set(result.events.map((event) => event.transactionId)).size).toBe(1);
      expect(await store.readStream(vpcId)).toHaveLength(1);
      expect(await store.readStream(groupId)).toHaveLength(2);
    });

    it('writes nothing for any stream when one of them is stale', async () => {
      const vpcId = uniqueId('vpc');
      const groupId = uniqueId('sg');
      await store.append(groupId, 'security-group', 'no-stream', [{ type: 'SecurityGroupCreated', data: {} }], metadataFor(tenant));

      const append = store.appendToStreams(
        [
          { streamId: vpcId, streamType: 'vpc', expectedVersion: 'no-stream', events: [{ type: 'VpcCreated', data: {} }] },
          { streamId: groupId, streamType: 'security-group', expectedVersion: 'no-stream', events: [ruleAdded('a')] },
        ],
        metadataFor(tenant),
      );

      await expect(append).rejects.toMatchObject({ name: 'ConcurrencyError', streamId: groupId, actual: 1 });
      await expect(store.readStream(vpcId)).resolves.toEqual([]);
      await expect(store.readStream(groupId)).resolves.toHaveLength(1);
    });
  });

  describe('inline projections and the transaction hook', () => {
    const table = 'test_rule_counts';

    beforeAll(async () => {
      await db.dataSource.query(`CREATE TABLE ${table} (stream_id text PRIMARY KEY, rules int NOT NULL)`);
    });

    it('runs a registered projection on the events it handles, in the same transaction as the append', async () => {
      const projectionStore = new PostgresEventStore(db.dataSource);
      const received: string[][] = [];
      projectionStore.registerInlineProjection({
        name: 'rule-counts',
        handles: (type) => type === 'SecurityGroupRuleAdded',
        apply: async (tx, events) => {
          received.push(events.map((event) => event.type));
          await tx.query(
            `INSERT INTO ${table} (stream_id, rules) VALUES ($1, $2)
             ON CONFLICT (stream_id) DO UPDATE SET rules = ${table}.rules + excluded.rules`,
            [events[0].streamId, events.length],
          );
        },
      });
      const streamId = uniqueId('sg');

      await projectionStore.append(
        streamId,
        'security-group',
        'no-stream',
        [{ type: 'SecurityGroupCreated', data: {} }, ruleAdded('a'), ruleAdded('b')],
        metadataFor(tenant),
      );

      expect(received).toEqual([['SecurityGroupRuleAdded', 'SecurityGroupRuleAdded']]);
      await expect(db.dataSource.query(`SELECT rules FROM ${table} WHERE stream_id = $1`, [streamId])).resolves.toEqual([{ rules: 2 }]);
    });

    it('rolls the events back when a projection fails, and the hook back when the append fails', async () => {
      const failingStore = new PostgresEventStore(db.dataSource);
      failingStore.registerInlineProjection({
        name: 'broken',
        handles: () => true,
        apply: async () => {
          throw new Error('read model is broken');
        },
      });
      const streamId = uniqueId('sg');
      await expect(failingStore.append(streamId, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant))).rejects.toThrow(
        'read model is broken',
      );
      await expect(store.readStream(streamId)).resolves.toEqual([]);

      const hooked = uniqueId('sg');
      const hookFails = store.append(hooked, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant), {
        inTransaction: async (tx) => {
          await entityManagerOf(tx).query(`INSERT INTO ${table} (stream_id, rules) VALUES ($1, 1)`, [hooked]);
          throw new Error('hook refused');
        },
      });
      await expect(hookFails).rejects.toThrow('hook refused');
      await expect(store.readStream(hooked)).resolves.toEqual([]);
      await expect(db.dataSource.query(`SELECT * FROM ${table} WHERE stream_id = $1`, [hooked])).resolves.toEqual([]);
    });

    it('gives the hook the stored events, and commits what it writes with them', async () => {
      const streamId = uniqueId('sg');
      let seenVersion: number | undefined;
      await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant), {
        inTransaction: async (tx, result) => {
          seenVersion = result.streams[0].version;
          await entityManagerOf(tx).query(`INSERT INTO ${table} (stream_id, rules) VALUES ($1, $2)`, [streamId, result.events.length]);
        },
      });
      expect(seenVersion).toBe(1);
      await expect(db.dataSource.query(`SELECT rules FROM ${table} WHERE stream_id = $1`, [streamId])).resolves.toEqual([{ rules: 1 }]);
    });
  });

  describe('wake-up notification', () => {
    let listener: Client;
    const notifications: string[] = [];
    let next = deferred<string>();

    beforeAll(async () => {
      listener = new Client({ connectionString: db.url });
      await listener.connect();
      listener.on('notification', (message) => {
        if (message.channel !== EVENTS_APPENDED_CHANNEL) return;
        notifications.push(message.payload ?? '');
        next.resolve(message.payload ?? '');
      });
      await listener.query(`LISTEN ${EVENTS_APPENDED_CHANNEL}`);
    });
    afterAll(() => listener?.end());

    it('tells listeners the last position once an append commits, and says nothing for a failed one', async () => {
      const streamId = uniqueId('sg');
      next = deferred<string>();
      const first = await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a'), ruleAdded('b')], metadataFor(tenant));
      await expect(next.promise).resolves.toBe(first.events[1].position);

      const before = notifications.length;
      next = deferred<string>();
      await expect(store.append(streamId, 'security-group', 'no-stream', [ruleAdded('c')], metadataFor(tenant))).rejects.toBeInstanceOf(
        ConcurrencyError,
      );
      const second = await store.append(streamId, 'security-group', 2, [ruleAdded('d')], metadataFor(tenant));
      // Notifications arrive in commit order: the next one is the successful append's.
      await expect(next.promise).resolves.toBe(second.events[0].position);
      expect(notifications.slice(before)).toEqual([second.events[0].position]);
    });
  });
});
