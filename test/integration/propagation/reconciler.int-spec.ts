import { type AgentReport, type AppendRequest, StreamIds, StreamTypes } from '@sg/application';
import { HypervisorEventTypes } from '@sg/domain';
import {
  type AppConfig,
  createEventStore,
  HttpAgents,
  loadAppConfig,
  PostgresHypervisorReadModel,
  PostgresHypervisorStates,
  PostgresLeaderLock,
  PostgresOperationReadModel,
} from '@sg/infra';
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SyncQueue } from '../../../apps/worker/src/platform/queues';
import { Reconciler } from '../../../apps/worker/src/reconcile/reconciler';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

const HYPERVISORS = 1000;
// Two hanging agents per lane: the pass waits about two timeouts on them.
const HANGING = 64;
const DEAD = 50;
// Long enough that a healthy agent (answering in 20 ms) is never taken for a hanging one when the
// machine is busy: this process serves all 1,000 agents and probes them on one event loop.
const AGENT_TIMEOUT_MS = 3000;
/** How long a healthy agent takes to answer, so that probes overlap when they run at once. */
const HEALTHY_DELAY_MS = 20;

/** The agents' HTTP client, counting the probes it has under way (the reconciler's own view of its concurrency). */
class CountedAgents extends HttpAgents {
  readonly probes = { now: 0, most: 0 };

  override async health(agentUrl: string, timeoutMs: number): Promise<AgentReport> {
    this.probes.most = Math.max(this.probes.most, ++this.probes.now);
    try {
      return await super.health(agentUrl, timeoutMs);
    } finally {
      this.probes.now--;
    }
  }
}

/** Fake agents over real HTTP: `GET /<id>/health` answers after a moment, counting how many are being answered at once. */
function healthyAgents() {
  const counts = { inFlight: 0, most: 0, answered: 0 };
  const server = createServer((_req: IncomingMessage, res: ServerResponse) => {
    counts.inFlight++;
    counts.most = Math.max(counts.most, counts.inFlight);
    setTimeout(() => {
      counts.inFlight--;
      counts.answered++;
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ appliedRevision: 0 }));
    }, HEALTHY_DELAY_MS);
  });
  return { server, counts };
}

/** Agents that accept the connection and never answer: each costs the prober its whole timeout. */
function hangingAgents() {
  const counts = { waiting: 0, most: 0 };
  const sockets = new Set<Socket>();
  const server = createServer((req) => {
    counts.waiting++;
    counts.most = Math.max(counts.most, counts.waiting);
    req.socket.once('close', () => counts.waiting--);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return { server, counts, sockets };
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe('Reconciler: one pass over many agents, some dead or hanging', () => {
  let db: TestDatabase;
  let config: AppConfig;
  let queue: SyncQueue;
  const healthy = healthyAgents();
  const hanging = hangingAgents();
  let deadPort: number;
  const leaders: PostgresLeaderLock[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const [healthyPort, hangingPort] = [await listen(healthy.server), await listen(hanging.server)];
    // A port nothing listens on any more: connecting is refused at once.
    const gone = createServer();
    deadPort = await listen(gone);
    await close(gone);
    config = loadAppConfig({ DATABASE_URL: db.url, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}`, AGENT_TIMEOUT_MS: String(AGENT_TIMEOUT_MS) });
    queue = new SyncQueue(config, new PostgresHypervisorStates(db.dataSource));

    const store = createEventStore(db.dataSource);
    const urlOf = (n: number) => {
      const port = n < HANGING ? hangingPort : n < HANGING + DEAD ? deadPort : healthyPort;
      return `http://127.0.0.1:${port}/hv-${n}`;
    };
    const at = new Date().toISOString();
    for (let from = 0; from < HYPERVISORS; from += 100) {
      const requests: AppendRequest[] = Array.from({ length: 100 }, (_, i) => {
        const hypervisorId = `hv-${from + i}`;
        return {
          streamId: StreamIds.hypervisor(hypervisorId),
          streamType: StreamTypes.hypervisor,
          expectedVersion: 'no-stream',
          events: [{ type: HypervisorEventTypes.Registered, data: { hypervisorId, agentUrl: urlOf(from + i), at } }],
        };
      });
      await store.appendToStreams(requests, { actor: 'test/operator', tenant: 'ops' });
    }
  });

  // Each test's workers let the lock go: the next test starts with no leader.
  afterEach(async () => {
    for (const leader of leaders.splice(0)) await leader.release();
  });

  afterAll(async () => {
    await queue?.queue.obliterate({ force: true }).catch(() => undefined);
    await queue?.onApplicationShutdown();
    for (const socket of hanging.sockets) socket.destroy();
    await Promise.all([close(healthy.server), close(hanging.server)]);
    await db?.drop();
  });

  const reconciler = () => {
    const leader = new PostgresLeaderLock(db.url, 'sg-test-leader');
    leaders.push(leader);
    const ds = db.dataSource;
    const agents = new CountedAgents();
    return { leader, agents, reconciler: new Reconciler(new PostgresHypervisorReadModel(ds), new PostgresHypervisorStates(ds), new PostgresOperationReadModel(ds), agents, leader, queue, config) };
  };

  it(`probes ${HYPERVISORS} agents ${32} at a time: the dead and hanging ones cost a timeout per lane, not one each in turn`, async () => {
    const { reconciler: leading, agents } = reconciler();
    const started = performance.now();
    const jobs = await leading.pass();
    const ms = Math.round(performance.now() - started);
    const healthyCount = HYPERVISORS - HANGING - DEAD;
    console.log(
      `reconciler: one pass over ${HYPERVISORS} hypervisors (${DEAD} dead, ${HANGING} hanging past the ${AGENT_TIMEOUT_MS} ms timeout) took ${ms} ms; ` +
        `at most ${agents.probes.most} probes at once (${hanging.counts.most} of them hanging) (a pass one agent after another would wait ${(HANGING * AGENT_TIMEOUT_MS) / 1000} s on the hanging ones alone)`,
    );

    // Every agent that answered gets its full state (none was known before); the dead and hanging ones none.
    const healthyIds = Array.from({ length: healthyCount }, (_, i) => `hv-${HANGING + DEAD + i}`);
    expect(new Set(jobs!.map((job) => job.hypervisorId))).toEqual(new Set(healthyIds));
    expect(jobs!.every((job) => job.force)).toBe(true);
    expect(healthy.counts.answered).toBe(healthyCount);

    // Concurrent, and bounded by RECONCILE_CONCURRENCY: the hanging agents were waited on side by side.
    expect(config.propagation.reconcileConcurrency).toBe(32);
    expect(agents.probes.most).toBe(32);
    expect(hanging.counts.most).toBeGreaterThan(1);
    expect(healthy.counts.most).toBeGreaterThan(1);
    // A generous bound, far below what probing one agent after another costs.
    expect(ms).toBeLessThan((HANGING * AGENT_TIMEOUT_MS) / 2);
  });

  it('only the leading worker reconciles: another replica passes', async () => {
    const first = reconciler();
    const second = reconciler();
    expect(await first.leader.tryLead()).toBe(true);
    const answered = healthy.counts.answered;
    await expect(second.reconciler.pass()).resolves.toBeNull();
    expect(healthy.counts.answered).toBe(answered);
  });
});
