import { RedisServer, startRedisServer, stopAllRedisServers } from '../support/redis-server';
import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ChangeLoad } from './support/change-load';
import { recordFigures, statusList } from './support/figures';
import { reconcileLedger } from './support/ledger';
import { ProcessSystem, startProcessSystem } from './support/processes';
import { groupsOnEveryHypervisor } from './support/world';

const HYPERVISORS = ['hv-1', 'hv-2'];
const CHANGES = 300;
const CLIENTS = 6;
const OUTAGE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Redis holds the sync jobs, not the changes (the API writes only to Postgres; the worker's relay
 * reads the events as its outbox). Restarted empty, and then flushed (FLUSHALL) while it runs, both
 * under load: what the API accepted must still reach the agents, once. A private Redis: the
 * machine's shared one serves other test files.
 */
describe('Redis restarted and flushed under write load', () => {
  let redis: RedisServer;
  let db: TestDatabase;
  let sys: ProcessSystem;

  beforeAll(async () => {
    redis = await startRedisServer();
    db = await createTestDatabase();
    sys = await startProcessSystem({ database: db, agents: HYPERVISORS, env: { REDIS_URL: redis.url } });
  }, 180_000);
  afterAll(async () => {
    await sys?.close();
    await db?.drop();
    await stopAllRedisServers();
  });

  it('loses no accepted change and applies none twice across a restart (empty) and a FLUSHALL', async () => {
    const started = Date.now();
    const world = await groupsOnEveryHypervisor(sys.http, sys.operator, HYPERVISORS, 3);
    const load = new ChangeLoad({ http: sys.http, groupIds: world.groupIds, clients: CLIENTS, changes: CHANGES }).start();
    await load.acceptedAtLeast(60);

    // A restart that loses everything: down for a while, back empty.
    await redis.stop('SIGKILL');
    const downAt = load.accepted.length;
    await sleep(OUTAGE_MS);
    const acceptedWhileDown = load.accepted.length - downAt;
    await redis.start();
    await redis.flushAll();

    // Then everything deleted while it runs: queued jobs, locks, the workers' bookkeeping.
    await load.acceptedAtLeast(Math.min(CHANGES, downAt + acceptedWhileDown + 60));
    const flushedAt = load.accepted.length;
    await redis.flushAll();

    await load.finished();
    const ledger = await reconcileLedger({ dataSource: sys.dataSource, http: sys.http, agents: [...sys.agents.values()], load, timeoutMs: 180_000 });
    const statuses = load.statusSummary();
    recordFigures('redis-restart', {
      order: 2,
      scenario: 'Redis restart and FLUSHALL under load',
      load: `${CLIENTS} clients adding rules to 3 groups on 2 agents`,
      faults: `Redis killed (SIGKILL) after ${downAt} accepted changes, down ${OUTAGE_MS / 1000} s, back empty; FLUSHALL at ${flushedAt} accepted`,
      inputs: `${CHANGES} changes, ${load.requests} requests`,
      lost: ledger.lost.length,
      twice: ledger.twice.length,
      notes: `${statusList(statuses)}; ${acceptedWhileDown} accepted while Redis was down; read models = replay: ${ledger.readModelsDifferFromReplay.length === 0 ? 'yes' : 'no'}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });

    // The API does not need Redis to accept a change.
    expect(acceptedWhileDown).toBeGreaterThan(0);
    expect(Object.keys(statuses).filter((s) => s.startsWith('5'))).toEqual([]);
    expect(load.unexpected).toEqual([]);
    expect(load.abandoned).toEqual([]);
    expect(load.accepted).toHaveLength(CHANGES);
    expect(ledger.lost).toEqual([]);
    expect(ledger.twice).toEqual([]);
    expect(ledger.notSucceeded).toEqual([]);
    expect(ledger.readModelsDifferFromReplay).toEqual([]);
  }, 400_000);
});
