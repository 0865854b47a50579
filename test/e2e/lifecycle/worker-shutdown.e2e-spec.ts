import { Queue } from 'bullmq';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { QueueNames, redisConnection } from '../../../libs/infra/src/propagation/queues';
import type { StatePort, StateRemoteGroup } from '../../../libs/protocol/src/desired-state';
import { stateHash } from '../../../libs/protocol/src/state-hash';
import { registerAgent } from '../../support/api';
import { startSystem, settled, System, eventually } from '../../support/system';
import { spawnWorker, stopAllWorkers, WorkerProcess } from '../../support/worker-process';

/** The bound an orchestrator gives a process between SIGTERM and SIGKILL (issue 13). */
const STOP_WITHIN_MS = 10_000;

/**
 * An agent that takes pushes but answers them only when the test says so: a sync is then
 * reliably in the middle of its push when the worker gets SIGTERM.
 */
class HoldingAgent {
  readonly pushes: { revision: number; requestIds: string | undefined; encoding: string | undefined }[] = [];
  holding = true;
  private applied = 0;
  private appliedHash = stateHash([]);
  private readonly held = new Set<ServerResponse>();
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(): void {
    this.holding = false;
  }

  async close(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'GET') return this.json(res, 200, { status: 'ok', hypervisorId: 'hv-slow', appliedRevision: this.applied, appliedHash: this.appliedHash, startup: 'disabled' });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // The worker pushes gzip (docs/agent-protocol.md).
    const raw = Buffer.concat(chunks);
    const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    const state = JSON.parse(body) as { revision: number; ports: StatePort[]; remoteGroups?: StateRemoteGroup[] };
    this.pushes.push({ revision: state.revision, requestIds: req.headers['x-request-id'] as string | undefined, encoding: req.headers['content-encoding'] });
    if (this.holding) {
      // Never answered: the worker that sent it is stopped meanwhile.
      this.held.add(res);
      return;
    }
    if (state.revision > this.applied) [this.applied, this.appliedHash] = [state.revision, stateHash(state.ports, state.remoteGroups)];
    this.json(res, 200, { hypervisorId: 'hv-slow', appliedRevision: this.applied, appliedHash: this.appliedHash, changed: true });
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  }
}

describe('the worker on SIGTERM in the middle of a sync', () => {
  let sys: System;
  let agent: HoldingAgent;
  let worker: WorkerProcess;

  beforeAll(async () => {
    agent = new HoldingAgent();
    await agent.start();
    // A long agent timeout: the push hangs until the shutdown, not until the timeout.
    sys = await startSystem({ agents: [], worker: false, env: { AGENT_TIMEOUT_MS: '60000', RECONCILE_INTERVAL_MS: '60000' } });
    expect((await registerAgent(sys.api.url, 'hv-slow', agent.url)).status).toBeLessThan(300);
  });
  afterAll(async () => {
    await stopAllWorkers();
    await sys.close();
    await agent.close();
  });

  it('hands the job back to the queue (no attempt spent, no failure reported) and exits 0 within 10 s; the next worker finishes it', async () => {
    worker = await spawnWorker(sys.env);
    const vpcId = (await sys.http.post('/v1/vpcs', { name: 'slow', cidr: '10.0.0.0/16' })).body.id;
    const created = await sys.http.post('/v1/instances', { name: 'gpu-1', vpcId, hypervisorId: 'hv-slow', ipv4: '10.0.1.5' });
    const operationId = created.body.operation.id as string;
    await eventually('the push to reach the agent', async () => (agent.pushes.length > 0 ? true : undefined));

    const signalled = Date.now();
    expect(await worker.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalled).toBeLessThan(STOP_WITHIN_MS);
    expect(worker.output()).toMatch(/sync interrupted by the shutdown; job \S+ is back in the queue/);

    // Back in the queue, waiting for the next worker: not active, not stalled, not failed.
    const connection = redisConnection(sys.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
    const queue = new Queue(QueueNames.hypervisorSync, { connection, prefix: sys.env.QUEUE_PREFIX });
    try {
      const counts = await queue.getJobCounts('waiting', 'active', 'failed', 'delayed');
      expect(counts).toEqual({ waiting: 1, active: 0, failed: 0, delayed: 0 });
      const [job] = await queue.getJobs(['waiting']);
      expect(job.data).toMatchObject({ hypervisorId: 'hv-slow' });
      expect(job.attemptsMade).toBe(0);
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const meanwhile = (await sys.http.get(`/v1/operations/${operationId}`)).body;
    expect(meanwhile.status).not.toBe('failed');
    expect(meanwhile.targets[0]).toMatchObject({ attempts: 0, error: null });

    agent.release();
    worker = await spawnWorker(sys.env);
    const done = await settled(sys.http, operationId, 30_000);
    expect(done.status).toBe('succeeded');
    expect(done.targets[0]).toMatchObject({ hypervisorId: 'hv-slow', status: 'succeeded', attempts: 1 });
    // Both pushes carried the request that made the change.
    expect(agent.pushes.length).toBeGreaterThanOrEqual(2);
    for (const push of agent.pushes) expect(push).toMatchObject({ requestIds: created.headers.get('x-request-id'), encoding: 'gzip' });
  });
});
