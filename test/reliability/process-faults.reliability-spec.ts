import { createTestDatabase, TestDatabase } from '../support/test-database';
import { ChangeLoad } from './support/change-load';
import { recordFigures, statusList } from './support/figures';
import { Ledger, reconcileLedger } from './support/ledger';
import { ProcessSystem, startProcessSystem } from './support/processes';
import { groupsOnEveryHypervisor } from './support/world';

const HYPERVISORS = ['hv-1', 'hv-2'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The processes of the system failing under load: the API, the worker and two agents as separate
 * processes over one test database and the shared Redis (a queue prefix of their own). Each
 * scenario has groups of its own, so its ledger counts only its own changes.
 */
describe('processes failing under load', () => {
  let db: TestDatabase;
  let sys: ProcessSystem;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The load is as many changes as the machine takes in the time held: on a fast machine the 100
    // clients' rules would pass the product's limits on a group (200 rules) and on a hypervisor's
    // state, and the 422s would count as unexpected answers. The limits are not what is tested here.
    sys = await startProcessSystem({
      database: db,
      agents: HYPERVISORS,
      env: { LIMIT_RULES_PER_GROUP: '100000', LIMIT_STATE_ENTRIES_PER_HYPERVISOR: '10000000' },
    });
  }, 180_000);
  afterAll(async () => {
    await sys?.close();
    await db?.drop();
  });

  const expectClean = (load: ChangeLoad, ledger: Ledger) => {
    expect(load.unexpected).toEqual([]);
    expect(load.abandoned).toEqual([]);
    expect(ledger.lost).toEqual([]);
    expect(ledger.twice).toEqual([]);
    expect(ledger.notSucceeded).toEqual([]);
    expect(ledger.readModelsDifferFromReplay).toEqual([]);
  };
  const replayNote = (ledger: Ledger) => `read models = replay: ${ledger.readModelsDifferFromReplay.length === 0 ? 'yes' : 'no'}`;

  const CLIENTS = 100;
  const GROUPS = 10;
  const HOLD_MS = Number(process.env.RELIABILITY_HOLD_MS ?? 30_000);
  it(`${CLIENTS} concurrent clients on ${GROUPS} groups for ${HOLD_MS / 1000} s: no 5xx, no deadlock, the read models equal a replay of the events`, async () => {
    const started = Date.now();
    const world = await groupsOnEveryHypervisor(sys.http, sys.operator, HYPERVISORS, GROUPS);
    // Postgres counts the deadlocks it detected (and broke) in each database.
    const deadlocks = async (): Promise<number> => (await sys.dataSource.query(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`))[0].n;
    const deadlocksBefore = await deadlocks();
    const load = new ChangeLoad({ http: sys.http, groupIds: world.groupIds, clients: CLIENTS, removals: true, giveUpAfterMs: 60_000 }).start();
    await sleep(HOLD_MS);
    // No deadlock: every client's last change is answered (a deadlocked request would hang here until the bound).
    await load.stop();
    const ledger = await reconcileLedger({ dataSource: sys.dataSource, http: sys.http, agents: [...sys.agents.values()], load, timeoutMs: 180_000 });
    const deadlocked = (await deadlocks()) - deadlocksBefore;
    const statuses = load.statusSummary();
    recordFigures('concurrent-clients', {
      order: 6,
      scenario: `${CLIENTS} concurrent clients on ${GROUPS} groups`,
      load: `${CLIENTS} clients for ${HOLD_MS / 1000} s, each adding a rule and removing every other one again, ${GROUPS} groups on 2 agents`,
      faults: 'none: contention (every group written by 10 clients at once)',
      inputs: `${load.accepted.length} changes (${load.added.length} additions, ${load.removed.length} removals), ${load.requests} requests`,
      lost: ledger.lost.length,
      twice: ledger.twice.length,
      notes: `${statusList(statuses)}; ${deadlocked} deadlocks detected by Postgres; every request answered; ${replayNote(ledger)}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    expect(Object.keys(statuses).filter((s) => s.startsWith('5') || s === 'network')).toEqual([]);
    expect(deadlocked).toBe(0);
    expect(load.accepted.length).toBeGreaterThan(CLIENTS);
    expectClean(load, ledger);
  }, HOLD_MS + 300_000);

  it('an agent crashed (SIGKILL, its state lost) and restarted under load: it gets every change back, and the operations end succeeded', async () => {
    const started = Date.now();
    const world = await groupsOnEveryHypervisor(sys.http, sys.operator, HYPERVISORS, 2);
    const changes = 120;
    const load = new ChangeLoad({ http: sys.http, groupIds: world.groupIds, clients: 4, changes }).start();
    await load.acceptedAtLeast(40);
    const agent = sys.agents.get('hv-2')!;
    const exit = await agent.kill('SIGKILL');
    expect(exit.signal).toBe('SIGKILL');
    const downAt = load.accepted.length;
    await sleep(3_000);
    const acceptedWhileDown = load.accepted.length - downAt;
    await agent.restart();
    await load.finished();
    const ledger = await reconcileLedger({ dataSource: sys.dataSource, http: sys.http, agents: [...sys.agents.values()], load });
    recordFigures('agent-crash', {
      order: 4,
      scenario: 'An agent crash and restart',
      load: '4 clients adding rules to 2 groups on 2 agents',
      faults: `agent hv-2 SIGKILLed after ${downAt} accepted changes (its memory state lost), down 3 s, restarted on its port`,
      inputs: `${changes} changes, ${load.requests} requests`,
      lost: ledger.lost.length,
      twice: ledger.twice.length,
      notes: `${statusList(load.statusSummary())}; ${acceptedWhileDown} accepted while it was down; ${ledger.recovered} operations failed while it was down and then succeeded on their own; ${replayNote(ledger)}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    expect(acceptedWhileDown).toBeGreaterThan(0);
    expect(load.accepted).toHaveLength(changes);
    expectClean(load, ledger);
  }, 300_000);

  it('the worker SIGKILLed at random moments during 500 changes: every accepted change reaches the agents once', async () => {
    const started = Date.now();
    const world = await groupsOnEveryHypervisor(sys.http, sys.operator, HYPERVISORS, 3);
    const changes = 500;
    const load = new ChangeLoad({ http: sys.http, groupIds: world.groupIds, clients: 6, changes }).start();
    // Four kills at random points of the stream (by changes accepted, so a fast machine gets them
    // too): mid-sync, mid-relay, between jobs; a new worker is started at once after each.
    const points = Array.from({ length: 4 }, () => 20 + Math.floor(Math.random() * (changes - 40))).sort((a, b) => a - b);
    const kills: number[] = [];
    for (const point of points) {
      await load.acceptedAtLeast(point);
      kills.push(load.accepted.length);
      const exit = await sys.restartWorker('SIGKILL');
      expect(exit.signal).toBe('SIGKILL');
    }
    await load.finished();
    const ledger = await reconcileLedger({ dataSource: sys.dataSource, http: sys.http, agents: [...sys.agents.values()], load, timeoutMs: 180_000 });
    recordFigures('worker-sigkill', {
      order: 3,
      scenario: 'The worker SIGKILLed at random moments during 500 changes',
      load: '6 clients adding rules to 3 groups on 2 agents',
      faults: `${kills.length} × SIGKILL of the worker (after ${kills.join(', ')} accepted changes), a new worker started at once`,
      inputs: `${changes} changes, ${load.requests} requests`,
      lost: ledger.lost.length,
      twice: ledger.twice.length,
      notes: `${statusList(load.statusSummary())}; ${replayNote(ledger)}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    expect(load.accepted).toHaveLength(changes);
    expectClean(load, ledger);
  }, 420_000);

  it('SIGTERM to the API and to the worker under load: both stop cleanly, the clients retry, nothing is lost or doubled', async () => {
    const started = Date.now();
    const world = await groupsOnEveryHypervisor(sys.http, sys.operator, HYPERVISORS, 3);
    const changes = 200;
    const load = new ChangeLoad({ http: sys.http, groupIds: world.groupIds, clients: 6, changes }).start();
    await load.acceptedAtLeast(50);
    const apiExit = await sys.restartApi('SIGTERM');
    const apiAt = load.accepted.length;
    await load.acceptedAtLeast(Math.min(changes, apiAt + 30));
    const workerExit = await sys.restartWorker('SIGTERM');
    const workerAt = load.accepted.length;
    await load.finished();
    const ledger = await reconcileLedger({ dataSource: sys.dataSource, http: sys.http, agents: [...sys.agents.values()], load });
    const statuses = load.statusSummary();
    recordFigures('sigterm', {
      order: 5,
      scenario: 'SIGTERM to the API and the worker under load',
      load: '6 clients adding rules to 3 groups on 2 agents',
      faults: `SIGTERM to the API (exit ${apiExit.code}, restarted on its port at ${apiAt} accepted), then to the worker (exit ${workerExit.code}, restarted at ${workerAt})`,
      inputs: `${changes} changes, ${load.requests} requests (retries keep their Idempotency-Key)`,
      lost: ledger.lost.length,
      twice: ledger.twice.length,
      notes: `${statusList(statuses)}; ${replayNote(ledger)}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });
    expect(apiExit).toEqual({ code: 0, signal: null });
    expect(workerExit).toEqual({ code: 0, signal: null });
    expect(Object.keys(statuses).filter((s) => s.startsWith('5') && s !== '503')).toEqual([]);
    expect(load.accepted).toHaveLength(changes);
    expectClean(load, ledger);
  }, 300_000);
});
