import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { StreamTypes } from '@sg/application';
import { queueOperation } from '@sg/domain';
import { createEventStore, loadAppConfig, PostgresCheckpointStore, PostgresHypervisorStates } from '@sg/infra';
import { WorkerMetrics } from '../../../apps/worker/src/platform/observability/worker-metrics';
import { SyncQueue } from '../../../apps/worker/src/platform/queues';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/** The worker's readings from Postgres and Redis, as a scrape takes them: relay lag, queue depth, hypervisors. */
describe('the worker\'s metrics read from the database', () => {
  let db: TestDatabase;
  let queue: SyncQueue;
  let metrics: WorkerMetrics;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadAppConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}` }, 'worker');
    const states = new PostgresHypervisorStates(db.dataSource);
    queue = new SyncQueue(config, states);
    metrics = new WorkerMetrics(new PostgresCheckpointStore(db.dataSource), states, queue);
  });
  afterAll(async () => {
    await queue.onApplicationShutdown();
    await db.drop();
  });

  const value = async (name: string, labels: Record<string, string> = {}) => {
    const metric = (await metrics.registry.getMetricsAsJSON()).find((m) => m.name === name);
    return metric?.values.find((v) => Object.entries(labels).every(([k, l]) => (v.labels as Record<string, unknown>)[k] === l))?.value;
  };

  it('counts the operation events the relay has not moved yet, and the age of the oldest; 0 once it has', async () => {
    const store = createEventStore(db.dataSource);
    const meta = { actor: 'test', tenant: 'demo' };
    // Operations with no target: queued and succeeded at once, two events each.
    const operation = (id: string) =>
      queueOperation({ operationId: id, tenant: 'demo', operationType: 'test', resource: { type: 'vpc', id: 'vpc-lag' }, summary: 'lag', changePosition: null, targets: [], at: new Date().toISOString() });
    await store.append('op-lag-1', StreamTypes.operation, 'no-stream', operation('op-lag-1').slice(0, 1), meta);
    await store.append('op-lag-2', StreamTypes.operation, 'no-stream', operation('op-lag-2'), meta);
    // Events of other streams are not the relay's business.
    await store.append('vpc-not-lag', StreamTypes.vpc, 'no-stream', [{ type: 'vpc.created', data: { vpcId: 'vpc-not-lag', tenant: 'demo', name: 'n', cidr: null, defaultSecurityGroupId: 'sg-x', at: new Date().toISOString() } }], meta);
    await sleep(1100);
    expect(await value('sg_relay_lag_events')).toBe(3);
    expect(await value('sg_relay_lag_seconds')).toBeGreaterThanOrEqual(1);

    // The relay's checkpoint moved past them.
    const [last] = await db.dataSource.query(`SELECT transaction_id::text AS "transactionId", position::text AS position FROM events ORDER BY transaction_id DESC, position DESC LIMIT 1`);
    await new PostgresCheckpointStore(db.dataSource).save('propagation-relay', last);
    expect(await value('sg_relay_lag_events')).toBe(0);
    expect(await value('sg_relay_lag_seconds')).toBe(0);
  });

  it('counts hypervisors whose applied revision is behind, and each one\'s lag', async () => {
    const now = new Date().toISOString();
    for (const id of ['hv-a', 'hv-b', 'hv-c']) await db.dataSource.query(`INSERT INTO rm_hypervisors (id, agent_url, version, created_at, updated_at) VALUES ($1, 'http://x', 1, $2, $2)`, [id, now]);
    await db.dataSource.query(`INSERT INTO hypervisor_states (hypervisor_id, desired_revision, applied_revision) VALUES ('hv-a', 5, 5), ('hv-b', 7, 4)`);
    expect(await value('sg_hypervisors_out_of_sync')).toBe(1);
    expect(await value('sg_hypervisor_revision_lag', { hypervisor: 'hv-b' })).toBe(3);
    expect(await value('sg_hypervisor_revision_lag', { hypervisor: 'hv-a' })).toBe(0);
    // Registered, never synced: nothing desired yet, nothing behind.
    expect(await value('sg_hypervisor_revision_lag', { hypervisor: 'hv-c' })).toBe(0);
  });

  it('shows the queue\'s jobs by state', async () => {
    await queue.queue.add('sync', { hypervisorId: 'hv-a', force: false }, { delay: 60_000 });
    expect(await value('sg_queue_jobs', { queue: 'hypervisor-sync', state: 'delayed' })).toBe(1);
    expect(await value('sg_queue_jobs', { queue: 'hypervisor-sync', state: 'waiting' })).toBe(0);
  });
});
