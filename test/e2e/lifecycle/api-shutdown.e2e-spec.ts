import { randomBytes } from 'node:crypto';
import { client, KEYS, TEST_API_KEYS } from '../../support/api';
import { eventually } from '../../support/async';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { spawnApi, stopAllWorkers } from '../../support/worker-process';

/** The bound an orchestrator gives a process between SIGTERM and SIGKILL (issue 13). */
const STOP_WITHIN_MS = 10_000;

/** A notification stream read as a browser would, to its end: what it received, once the server ended it. */
async function openStream(url: string): Promise<{ ended: Promise<string> }> {
  const res = await fetch(`${url}/v1/notifications/stream`, { headers: { authorization: `Bearer ${KEYS.member}`, accept: 'text/event-stream' } });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const ended = (async () => {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return text;
      text += decoder.decode(value, { stream: true });
    }
  })();
  await eventually(async () => (text.includes(': connected') ? true : undefined), { what: 'the stream to open' });
  return { ended };
}

describe('the API on SIGTERM', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await stopAllWorkers();
    await db.drop();
  });

  it('ends the notification streams cleanly, lets a request in flight finish, closes its pools and exits 0 within 10 s', async () => {
    const api = await spawnApi({ DATABASE_URL: db.url, API_KEYS: TEST_API_KEYS, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}` });
    const streams = await Promise.all([openStream(api.url!), openStream(api.url!)]);
    // A request that cannot finish before the signal: its read waits on a lock this test holds.
    const locker = db.dataSource.createQueryRunner();
    await locker.connect();
    await locker.startTransaction();
    await locker.query('LOCK TABLE rm_vpcs IN ACCESS EXCLUSIVE MODE');
    const inFlight = client(api.url!).get('/v1/vpcs');
    await eventually(
      async () => {
        const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name = 'security-groups-api' AND wait_event_type = 'Lock'`, [db.name]);
        return n > 0 ? true : undefined;
      },
      { what: 'the request to wait on the lock' },
    );

    const signalled = Date.now();
    const exited = api.kill('SIGTERM');
    // The streams end at once, without waiting for the request in flight.
    const received = await Promise.all(streams.map((s) => s.ended));
    for (const text of received) expect(text).toMatch(/retry: 1000\n: the server is shutting down; reconnect with Last-Event-ID\n\n$/);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await locker.commitTransaction();
    await locker.release();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STOP_WITHIN_MS);
    // Its pools are closed: no connection of the API is left on the database.
    const [{ n }] = await db.dataSource.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND application_name LIKE 'security-groups-%'`, [db.name]);
    expect(n).toBe(0);
    expect(api.output()).toMatch(/"msg":"SIGTERM: shutting down"/);
  });
});
