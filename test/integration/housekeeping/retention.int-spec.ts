import type { Operation } from '@sg/domain';
import { createEventStore, loadAppConfig, PostgresEventStore, PostgresLeaderLock, PostgresNotificationLog } from '@sg/infra';
import { RetentionJob } from '../../../apps/worker/src/housekeeping/retention.job';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const operation = (id: string): Operation => ({
  id, tenant: 'demo', type: 'security-group.rules.added', status: 'queued', resource: { type: 'security-group', id: 'sg-1' }, summary: 's', changePosition: null, targets: [],
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z', finishedAt: null,
});

/** The worker's retention job on the real database: what it deletes, what it keeps, and that only the leader runs it. */
describe('RetentionJob', () => {
  let db: TestDatabase;
  let store: PostgresEventStore;
  let notifications: PostgresNotificationLog;
  const leaders: PostgresLeaderLock[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    store = createEventStore(db.dataSource);
    notifications = new PostgresNotificationLog(db.dataSource, db.url);
  });
  // Each test's workers let the lock go: the next test starts with no leader.
  afterEach(async () => {
    for (const leader of leaders.splice(0)) await leader.release();
  });
  afterAll(async () => {
    await notifications?.close();
    await db?.drop();
  });

  const job = () => {
    const leader = new PostgresLeaderLock(db.url, 'sg-test-leader');
    leaders.push(leader);
    return { leader, job: new RetentionJob(store, notifications, leader, loadAppConfig({ DATABASE_URL: db.url, NOTIFICATION_RETENTION_HOURS: '48' })) };
  };
  const claimKey = async (key: string) =>
    store.append(uniqueId('sg'), 'security-group', 'no-stream', [ruleAdded('a')], metadataFor('demo'), { idempotency: { face: 'v1', tenant: 'demo', key, requestHash: 'h', response: { ok: true } } });
  const backdateKey = (key: string, hours: number) => db.dataSource.query(`UPDATE idempotency_keys SET created_at = now() - $2 * interval '1 hour' WHERE key = $1`, [key, hours]);
  const notify = async (operationId: string, hoursAgo: number) => {
    const position = (await store.append(uniqueId('op'), 'operation', 'no-stream', [{ type: 'noted', data: {} }], metadataFor('demo'))).events[0].position;
    await notifications.append([{ sourcePosition: position, tenant: 'demo', kind: 'operation', operation: operation(operationId) }]);
    await db.dataSource.query(`UPDATE notifications SET created_at = now() - $2 * interval '1 hour' WHERE operation_id = $1`, [operationId, hoursAgo]);
  };
  const notified = async () => (await notifications.list(null, '0', 1000, ['operation', 'finding.opened'])).map((n) => (n.kind === 'operation' ? n.operation.id : n.finding.id));

  it('deletes idempotency records past their 24 h and notifications past NOTIFICATION_RETENTION_HOURS, and keeps the rest', async () => {
    const [expired, live] = [uniqueId('key'), uniqueId('key')];
    await claimKey(expired);
    await claimKey(live);
    await backdateKey(expired, 25);
    await backdateKey(live, 23);
    await notify('op-old', 49);
    await notify('op-recent', 47);

    await expect(job().job.pass()).resolves.toEqual({ idempotencyRecords: 1, notifications: 1 });
    const keys: { key: string }[] = await db.dataSource.query(`SELECT key FROM idempotency_keys WHERE key = ANY($1)`, [[expired, live]]);
    expect(keys.map((k) => k.key)).toEqual([live]);
    expect(await notified()).toEqual(['op-recent']);
  });

  it('runs on the leading worker only: another replica purges nothing until the leader lets go', async () => {
    const first = job();
    const second = job();
    expect(await first.leader.tryLead()).toBe(true);
    const expired = uniqueId('key');
    await claimKey(expired);
    await backdateKey(expired, 30);

    await expect(second.job.pass()).resolves.toBeNull();
    expect(await db.dataSource.query(`SELECT 1 FROM idempotency_keys WHERE key = $1`, [expired])).toHaveLength(1);

    await first.leader.release();
    await expect(second.job.pass()).resolves.toEqual({ idempotencyRecords: 1, notifications: 0 });
  });
});
