import { createMigratedDatabase, PostgresServer, startPostgresServer } from '../support/postgres-server';
import { eventually } from '../support/system';
import { ChangeLoad } from './support/change-load';
import { recordFigures, statusList } from './support/figures';
import { reconcileLedger } from './support/ledger';
import { ProcessSystem, startProcessSystem } from './support/processes';
import { groupsOnEveryHypervisor } from './support/world';

const HYPERVISORS = ['hv-1', 'hv-2'];
const CHANGES = 200;
const CLIENTS = 8;
/** How long Postgres stays down once the load has seen it gone. */
const OUTAGE_MS = 4_000;
const BOUND_MS = 200_000;

/**
 * Postgres restarted (stopped as by a crash, started again over the same data) while clients
 * write: requests during the outage are answered 503 and written nowhere; once Postgres is back
 * the clients' retries (same Idempotency-Key) go through, and every accepted change is in the
 * events, the read models and on the agents, once. A private Postgres server: the machine's shared
 * one serves other test files.
 */
describe('Postgres restarted under write load', () => {
  let pg: PostgresServer;
  let sys: ProcessSystem;

  beforeAll(async () => {
    pg = await startPostgresServer();
    sys = await startProcessSystem({ database: await createMigratedDatabase(pg), agents: HYPERVISORS });
  }, 180_000);
  afterAll(async () => {
    await sys?.close();
    await pg?.destroy();
  });

  it('answers 503 while it is down, loses nothing it accepted and applies nothing twice', async () => {
    const started = Date.now();
    const world = await groupsOnEveryHypervisor(sys.http, sys.operator, HYPERVISORS, 4);
    const load = new ChangeLoad({ http: sys.http, groupIds: world.groupIds, clients: CLIENTS, changes: CHANGES }).start();
    await load.acceptedAtLeast(CHANGES / 5);

    await pg.stop('immediate');
    const acceptedBefore = load.accepted.length;
    await eventually('the clients to get 503s', async () => ((load.statuses.get('503') ?? 0) >= CLIENTS ? true : undefined), 30_000, 50);
    const ready = await sys.http.as('nobody').get('/health/ready');
    expect(ready.status).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    const acceptedDuringOutage = load.accepted.length - acceptedBefore;
    await pg.start();

    await load.finished();
    const ledger = await reconcileLedger({ dataSource: sys.dataSource, http: sys.http, agents: [...sys.agents.values()], load });
    const statuses = load.statusSummary();
    recordFigures('postgres-restart', {
      order: 1,
      scenario: 'Postgres restart under write load',
      load: `${CLIENTS} clients adding rules to 4 groups on 2 agents`,
      faults: `Postgres stopped as by a crash (SIGQUIT) after ${acceptedBefore} accepted changes, down ≥ ${OUTAGE_MS / 1000} s, started again over its data`,
      inputs: `${CHANGES} changes, ${load.requests} requests (retries keep their Idempotency-Key)`,
      lost: ledger.lost.length,
      twice: ledger.twice.length,
      notes: `${statusList(statuses)}; ${acceptedDuringOutage} accepted while down; read models = replay: ${ledger.readModelsDifferFromReplay.length === 0 ? 'yes' : 'no'}`,
      seconds: Math.round((Date.now() - started) / 1000),
    });

    expect(load.unexpected).toEqual([]);
    expect(load.abandoned).toEqual([]);
    expect(load.accepted).toHaveLength(CHANGES);
    expect(statuses['503']).toBeGreaterThan(0);
    expect(Object.keys(statuses).filter((s) => s.startsWith('5') && s !== '503')).toEqual([]);
    expect(ledger.lost).toEqual([]);
    expect(ledger.twice).toEqual([]);
    expect(ledger.notSucceeded).toEqual([]);
    expect(ledger.readModelsDifferFromReplay).toEqual([]);
  }, BOUND_MS);
});
