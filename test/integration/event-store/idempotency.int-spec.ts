import { PostgresEventStore } from '@sg/infra';
import { ConcurrencyError, IdempotencyConflictError } from '@sg/application';
import { metadataFor, ruleAdded, startHeldAppend, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** A face's answer: here, one shaped like /v1's. */
const accepted = (body: unknown) => ({
  statusCode: 202,
  headers: { 'operation-location': '/v1/operations/op-1' },
  body,
});

describe('PostgresEventStore: idempotency records', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  const tenant = 'demo';

  beforeAll(async () => {
    db = await createTestDatabase();
    store = new PostgresEventStore(db.dataSource);
  });
  afterAll(() => db?.drop());

  const backdate = (key: string, hours: number) =>
    db.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - $2 * interval '1 hour' WHERE key = $1`, [key, hours]);

  it('stores the response with the events, for a repeated request to replay', async () => {
    const key = uniqueId('idem');
    const streamId = uniqueId('sg');
    await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant, { idempotencyKey: key }), {
      idempotency: { face: 'v1', tenant, key, requestHash: 'hash-1', response: accepted({ id: streamId }) },
    });

    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toEqual({
      face: 'v1',
      tenant,
      key,
      requestHash: 'hash-1',
      response: accepted({ id: streamId }),
      createdAt: expect.any(Date),
    });
    await expect(store.findIdempotencyRecord('v1', 'another-tenant', key)).resolves.toBeUndefined();
  });

  it("keeps each face's records apart: one face never replays another's answer", async () => {
    const key = uniqueId('idem');
    const append = (face: string, body: unknown) =>
      store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant, { idempotencyKey: key }), {
        idempotency: { face, tenant, key, requestHash: 'same-hash', response: { answeredBy: face, body } },
      });
    await append('v1', { id: 1 });
    await expect(store.findIdempotencyRecord('neutron', tenant, key)).resolves.toBeUndefined();

    // The same key through another face is another request: it is written, with that face's own answer.
    await append('neutron', { security_group: { id: 2 } });
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toMatchObject({ face: 'v1', response: { answeredBy: 'v1', body: { id: 1 } } });
    await expect(store.findIdempotencyRecord('neutron', tenant, key)).resolves.toMatchObject({ face: 'neutron', response: { answeredBy: 'neutron' } });
    await expect(append('neutron', {})).rejects.toBeInstanceOf(IdempotencyConflictError);
  });

  it('can build the response from what was stored', async () => {
    const key = uniqueId('idem');
    const streamId = uniqueId('sg');
    await store.append(streamId, 'security-group', 'any', [ruleAdded('a'), ruleAdded('b')], metadataFor(tenant), {
      idempotency: { face: 'v1', tenant, key, requestHash: 'h', response: (result) => accepted({ version: result.streams[0].version }) },
    });
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toMatchObject({ response: accepted({ version: 2 }) });
  });

  it('writes no record when the append fails, so the client can retry with the same key', async () => {
    const key = uniqueId('idem');
    const streamId = uniqueId('sg');
    await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant));
    const claim = { face: 'v1', tenant, key, requestHash: 'h', response: accepted({}) };

    await expect(
      store.append(streamId, 'security-group', 'no-stream', [ruleAdded('b')], metadataFor(tenant), { idempotency: claim }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(
      store.append(streamId, 'security-group', 1, [ruleAdded('b')], metadataFor(tenant), {
        idempotency: claim,
        inTransaction: async () => {
          throw new Error('projection failed');
        },
      }),
    ).rejects.toThrow('projection failed');
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toBeUndefined();

    await store.append(streamId, 'security-group', 1, [ruleAdded('b')], metadataFor(tenant), { idempotency: claim });
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toMatchObject({ requestHash: 'h' });
  });

  it('refuses a second use of a live key and appends nothing, handing back the first response', async () => {
    const key = uniqueId('idem');
    const streamId = uniqueId('sg');
    await store.append(streamId, 'security-group', 'any', [ruleAdded('a')], metadataFor(tenant), {
      idempotency: { face: 'v1', tenant, key, requestHash: 'first', response: accepted({ first: true }) },
    });

    const error = await store
      .append(streamId, 'security-group', 'any', [ruleAdded('a')], metadataFor(tenant), {
        idempotency: { face: 'v1', tenant, key, requestHash: 'first', response: accepted({ first: false }) },
      })
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(IdempotencyConflictError);
    expect(error).toMatchObject({ tenant, key, existing: { requestHash: 'first', response: accepted({ first: true }) } });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('makes a concurrent duplicate wait for the first and then refuses it: the change happens once', async () => {
    const key = uniqueId('idem');
    const streamId = uniqueId('sg');
    const claim = (body: unknown) => ({ idempotency: { face: 'v1', tenant, key, requestHash: 'same', response: accepted(body) } });

    const first = await startHeldAppend(store, streamId, [ruleAdded('a')], metadataFor(tenant), claim({ from: 'first' }));
    const duplicate = store.append(streamId, 'security-group', 'any', [ruleAdded('a')], metadataFor(tenant), claim({ from: 'duplicate' }));
    const duplicateOutcome = duplicate.catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.commit();

    await expect(duplicateOutcome).resolves.toMatchObject({ name: 'IdempotencyConflictError', existing: { response: { body: { from: 'first' } } } });
    expect(await store.readStream(streamId)).toHaveLength(1);
  });

  it('honours a key for 24 hours by default, then forgets it and lets it be used again', async () => {
    const key = uniqueId('idem');
    const streamId = uniqueId('sg');
    const append = (body: unknown) =>
      store.append(streamId, 'security-group', 'any', [ruleAdded(uniqueId('r'))], metadataFor(tenant), {
        idempotency: { face: 'v1', tenant, key, requestHash: 'h', response: accepted(body) },
      });
    await append({ n: 1 });

    await backdate(key, 23);
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toMatchObject({ response: { body: { n: 1 } } });
    await expect(append({ n: 2 })).rejects.toBeInstanceOf(IdempotencyConflictError);

    await backdate(key, 25);
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toBeUndefined();
    await append({ n: 3 });
    await expect(store.findIdempotencyRecord('v1', tenant, key)).resolves.toMatchObject({ response: { body: { n: 3 } } });
  });

  it('follows a configured retention period, and purges only expired records', async () => {
    const shortLived = new PostgresEventStore(db.dataSource, { idempotencyTtlMs: 60 * 60 * 1000 });
    const [expired, live] = [uniqueId('idem'), uniqueId('idem')];
    for (const key of [expired, live]) {
      await shortLived.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('a')], metadataFor(tenant), {
        idempotency: { face: 'v1', tenant, key, requestHash: 'h', response: accepted({}) },
      });
    }
    await backdate(expired, 2);

    await expect(shortLived.findIdempotencyRecord('v1', tenant, expired)).resolves.toBeUndefined();
    await expect(store.findIdempotencyRecord('v1', tenant, expired)).resolves.toBeDefined();

    expect(await shortLived.purgeExpiredIdempotencyRecords()).toBeGreaterThanOrEqual(1);
    const left: { key: string }[] = await db.dataSource.query(`SELECT key FROM idempotency_keys WHERE key = ANY($1)`, [[expired, live]]);
    expect(left.map((row) => row.key)).toEqual([live]);
  });
});
