import { Queue } from 'bullmq';
import { QueueNames, redisConnection, syncJobOptions } from '../../../libs/infra/src/propagation/queues';
import { client, startApi, StartedApi } from '../../support/api';
import { eventually, groupOnTwoHypervisors, settled, startSystem, System } from '../../support/system';
import { startTcpProxy, TcpProxy } from '../../support/tcp-proxy';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const SYNC = 'hypervisor-sync';

const syncQueue = async (sys: System) => {
  const res = await sys.operator.get('/v1/queues');
  if (res.status !== 200) throw new Error(`GET /v1/queues answered ${res.status}: ${res.text}`);
  return res.body.find((q: { name: string }) => q.name === SYNC);
};

/**
 * The operators' queue dashboard over the real system (API, worker, agents; FAST_PROPAGATION):
 * what it shows after changes propagate and while an agent is down, who may read it, and that it
 * answers 503 rather than failing while Redis is away.
 */
describe('the queue dashboard', () => {
  let sys: System;
  let groupId: string;

  beforeAll(async () => {
    sys = await startSystem({ agents: ['hv-1', 'hv-2'] });
    ({ groupId } = await groupOnTwoHypervisors(sys.http, sys.operator, 'ml', 'web'));
  });
  afterAll(() => sys.close());

  it('shows the sync queue with completed jobs once changes have propagated', async () => {
    const res = await sys.operator.get('/v1/queues');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.map((q: { name: string }) => q.name)).toEqual([SYNC]);

    const queue = await eventually('completed syncs', async () => {
      const q = await syncQueue(sys);
      return q.counts.completed >= 2 ? q : undefined;
    });
    expect(queue).toEqual({
      name: SYNC,
      paused: false,
      counts: { waiting: expect.any(Number), active: expect.any(Number), delayed: expect.any(Number), prioritized: 0, completed: expect.any(Number), failed: 0 },
      oldestWaitingAgeSeconds: queue.counts.waiting > 0 ? expect.any(Number) : null,
    });

    const jobs = await sys.operator.get(`/v1/queues/${SYNC}/jobs?state=completed&limit=2`);
    expect(jobs.status).toBe(200);
    expect(jobs.body).toHaveLength(2);
    for (const job of jobs.body) {
      expect(job).toEqual({
        id: expect.any(String),
        name: 'sync',
        state: 'completed',
        hypervisorId: expect.stringMatching(/^hv-[12]$/),
        force: expect.any(Boolean),
        attemptsMade: 1,
        maxAttempts: 3,
        failedReason: null,
        createdAt: expect.stringMatching(RFC3339),
        processedAt: expect.stringMatching(RFC3339),
        finishedAt: expect.stringMatching(RFC3339),
      });
    }
    // Newest first.
    expect(Date.parse(jobs.body[0].finishedAt)).toBeGreaterThanOrEqual(Date.parse(jobs.body[1].finishedAt));
  });

  it('shows failed syncs with the agent\'s error while an agent is down', async () => {
    await sys.agents.get('hv-2')!.kill();
    const before = await syncQueue(sys);
    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }] });
    expect(added.status).toBe(202);
    expect((await settled(sys.http, added.body.operation.id)).status).toBe('failed');

    const after = await eventually('the failure counted', async () => {
      const q = await syncQueue(sys);
      return q.counts.failed > before.counts.failed ? q : undefined;
    });
    expect(after.counts.failed).toBeGreaterThanOrEqual(1);

    const failed = await sys.operator.get(`/v1/queues/${SYNC}/jobs?state=failed`);
    expect(failed.status).toBe(200);
    expect(failed.body.length).toBeGreaterThanOrEqual(1);
    expect(failed.body.every((j: { hypervisorId: string }) => j.hypervisorId === 'hv-2')).toBe(true);
    expect(failed.body[0]).toMatchObject({
      state: 'failed',
      attemptsMade: 3,
      maxAttempts: 3,
      failedReason: expect.stringMatching(/^agent hv-2 unreachable at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED$/),
      finishedAt: expect.stringMatching(RFC3339),
    });
    const finished = failed.body.map((j: { finishedAt: string }) => Date.parse(j.finishedAt));
    expect(finished).toEqual([...finished].sort((a, b) => b - a));
  });

  it('shows jobs waiting while no worker runs, and how long the oldest has waited', async () => {
    await sys.stopWorker();
    // Queued the way the worker's relay queues them, but ready at once: with no worker running,
    // nothing moves delayed jobs to waiting.
    const connection = redisConnection('redis://127.0.0.1:6379');
    const queue = new Queue(QueueNames.hypervisorSync, { connection, prefix: sys.env.QUEUE_PREFIX });
    try {
      await queue.add('sync', { hypervisorId: 'hv-1', force: true }, { ...syncJobOptions('hv-1', 3), delay: 0 });
      await new Promise((r) => setTimeout(r, 300));
      await queue.add('sync', { hypervisorId: 'hv-3', force: false }, { ...syncJobOptions('hv-3', 3), delay: 0 });
      let asked = 0;
      let answered = 0;
      const waiting = await eventually('both jobs waiting', async () => {
        asked = Date.now();
        const q = await syncQueue(sys);
        answered = Date.now();
        return q.counts.waiting === 2 ? q : undefined;
      });
      const jobs = await sys.operator.get(`/v1/queues/${SYNC}/jobs?state=waiting`);
      expect(jobs.body.map((j: any) => [j.hypervisorId, j.force, j.state, j.attemptsMade, j.processedAt])).toEqual([
        ['hv-3', false, 'waiting', 0, null],
        ['hv-1', true, 'waiting', 0, null],
      ]);
      // The age is hv-1's, queued 300 ms before hv-3's: the one that has waited longest.
      const queuedAt = Date.parse(jobs.body[1].createdAt);
      expect(waiting.oldestWaitingAgeSeconds).toBeGreaterThanOrEqual(0.3);
      expect(waiting.oldestWaitingAgeSeconds * 1000).toBeGreaterThanOrEqual(asked - queuedAt - 5);
      expect(waiting.oldestWaitingAgeSeconds * 1000).toBeLessThanOrEqual(answered - queuedAt + 5);
    } finally {
      await queue.close();
      connection.disconnect();
      await sys.startWorker();
    }
    const drained = await eventually('the worker to take them', async () => {
      const q = await syncQueue(sys);
      return q.counts.waiting === 0 ? q : undefined;
    });
    expect(drained.oldestWaitingAgeSeconds).toBeNull();
  });

  it('is for operators only', async () => {
    for (const path of ['/v1/queues', `/v1/queues/${SYNC}/jobs?state=failed`]) {
      const byMember = await sys.http.get(path);
      expect({ path, status: byMember.status }).toEqual({ path, status: 403 });
      expect(byMember.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(byMember.body).toMatchObject({ type: 'forbidden', status: 403 });
      const byNobody = await sys.http.as('nobody').get(path);
      expect({ path, status: byNobody.status }).toEqual({ path, status: 401 });
      expect(byNobody.body).toMatchObject({ type: 'unauthorized' });
    }
  });

  it('answers an unknown queue with 404 and a bad state or limit with 400 naming it', async () => {
    const unknown = await sys.operator.get('/v1/queues/no-such-queue/jobs?state=failed');
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ type: 'not-found', status: 404 });

    for (const query of ['state=broken', '', 'state=failed&state=failed', 'state=paused']) {
      const res = await sys.operator.get(`/v1/queues/${SYNC}/jobs?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'validation-failed', errors: [{ path: 'state', message: expect.stringContaining('failed') }] });
    }
    for (const limit of ['0', '1001', 'ten', '-1', '1.5']) {
      const res = await sys.operator.get(`/v1/queues/${SYNC}/jobs?state=failed&limit=${limit}`);
      expect({ limit, status: res.status }).toEqual({ limit, status: 400 });
      expect(res.body).toMatchObject({ type: 'validation-failed', errors: [{ path: 'limit' }] });
    }
    const both = await sys.operator.get(`/v1/queues/${SYNC}/jobs?state=x&limit=x`);
    expect(both.body.errors.map((e: { path: string }) => e.path)).toEqual(['state', 'limit']);
  });

  it('answers garbage in the path or query with a 4xx problem, never a 5xx', async () => {
    const names = ['__proto__', 'constructor', '%2E%2E', 'hypervisor-sync%20', '%C3%BC', 'a'.repeat(2000), '%00', 'hypervisor-sync%2Fjobs', 'HYPERVISOR-SYNC'];
    const queries = ['state[]=failed', 'state[a]=failed', 'state=failed&limit=1&limit=2', `state=${'f'.repeat(5000)}`, 'state=%00', 'limit=%F0%9F%94%A5&state=failed'];
    const paths = [...names.map((n) => `/v1/queues/${n}/jobs?state=failed`), ...queries.map((q) => `/v1/queues/${SYNC}/jobs?${q}`), `/v1/queues?state=x&limit=-1`];
    for (const path of paths) {
      const res = await sys.operator.get(path);
      expect({ path: path.slice(0, 80), ok: res.status === 200 || (res.status >= 400 && res.status < 500) }).toEqual({ path: path.slice(0, 80), ok: true });
      if (res.status >= 400) expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
  });

  describe('with Redis away', () => {
    let proxy: TcpProxy;
    let viaProxy: StartedApi;

    beforeAll(async () => {
      proxy = await startTcpProxy(6379);
      viaProxy = await startApi({ REDIS_URL: `redis://127.0.0.1:${proxy.port}`, QUEUE_PREFIX: sys.env.QUEUE_PREFIX });
    });
    afterAll(async () => {
      await viaProxy.close();
      await proxy.close();
    });

    it('answers 503 unavailable, never 500, and reads the queues again once Redis is back', async () => {
      const operator = client(viaProxy.url, 'operator');
      const expectUnavailable = async () => {
        for (const path of ['/v1/queues', `/v1/queues/${SYNC}/jobs?state=failed`]) {
          const started = Date.now();
          const res = await operator.get(path);
          expect({ path, status: res.status }).toEqual({ path, status: 503 });
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ type: 'unavailable', status: 503 });
          expect(Date.now() - started).toBeLessThan(5000);
        }
      };
      const readsAgain = () =>
        eventually('the queues readable again', async () => {
          const res = await operator.get('/v1/queues');
          return res.status === 200 ? res.body : undefined;
        }, 15_000);

      // Away before the first read, then back.
      await proxy.cut();
      await expectUnavailable();
      await proxy.restore();
      const queues = await readsAgain();
      expect(queues).toEqual([expect.objectContaining({ name: SYNC, counts: expect.objectContaining({ failed: expect.any(Number) }) })]);
      expect(queues[0].counts.failed).toBeGreaterThanOrEqual(1);

      // Gone while connected, then back.
      await proxy.cut();
      await expectUnavailable();
      await proxy.restore();
      await readsAgain();
      expect((await operator.get(`/v1/queues/${SYNC}/jobs?state=failed&limit=1`)).body).toHaveLength(1);
    });
  });
});
