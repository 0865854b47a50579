import { join } from 'node:path';
import { createDataSource } from '@sg/infra';
import { Redis } from 'ioredis';
import { API_PORT, apiEnv, BENCH_OPERATOR_KEY, expectStatus, http, type Http } from './api';
import { measure, ms, percentile, printTable, round } from './harness';
import { ask, type Child, DIST, forkNode, startNode } from './processes';
import type { BenchOptions } from './run';

const HYPERVISORS = 100;
const AGENT_HOSTS = 2;
const WORKER_PORT = 4101;
/** The quick run's burst: small enough to converge within its budget on a loaded 2-core machine. */
const QUICK_BURST = 20;

interface Operation {
  id: string;
  status: string;
  createdAt: string;
  updatedAt: string;
  progress: { done: number; total: number };
}

async function settled(h: Http, operationId: string, timeoutMs = 120_000, everyMs = 10): Promise<Operation> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const op = await expectStatus<Operation>('GET /v1/operations/…', 200, h.call('GET', `/v1/operations/${operationId}`));
    if (op.status === 'succeeded' || op.status === 'failed') {
      if (op.status === 'failed') throw new Error(`operation ${operationId} failed: ${JSON.stringify(op)}`);
      return op;
    }
    if (Date.now() > deadline) throw new Error(`operation ${operationId} still ${op.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * From the API's accept of the change (the operation's createdAt) to its `succeeded` (updatedAt):
 * both the servers' clocks. One change at a time, `count` of them, or fewer if `budgetMs` runs out
 * first (at least 3): the table prints how many were taken.
 */
async function samples(h: Http, groupId: string, count: number, firstPort: number, budgetMs: number): Promise<number[]> {
  const out: number[] = [];
  const deadline = Date.now() + budgetMs;
  for (let i = 0; i < count && (i < 3 || Date.now() < deadline); i++) {
    const accepted = await expectStatus<{ operation: { id: string } }>(
      'POST …/rules',
      202,
      h.call('POST', `/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(firstPort + i), remote: '203.0.113.0/24' }] }),
    );
    const op = await settled(h, accepted.operation.id);
    out.push(Date.parse(op.updatedAt) - Date.parse(op.createdAt));
  }
  return out;
}

/**
 * Propagation at scale: 100 hypervisors (memory agents over real HTTP, 50 per agent-host process)
 * with 2,000 instances, the API and the worker in processes of their own. Time from the API's
 * accept to the operation's `succeeded` for a group on 20 instances and for a group on all of
 * them (attached to the VPC's range), then a burst of 1,000 changes to that group: pushes per
 * hypervisor and the time until every agent holds the final state.
 */
export async function measurePropagation(options: BenchOptions) {
  const sampleCount = options.quick ? 10 : 60;
  // Registering instances is the slow part of the setup (each one appends to the VPC's default
  // group and reads the VPC's instances): the quick run registers 200, 2 per hypervisor.
  const INSTANCES = options.quick ? 200 : 2000;
  const env = { ...apiEnv(options.url), QUEUE_PREFIX: `sgbench-${process.pid}` };
  const children: Child[] = [];
  try {
    children.push(await startNode('api', join(DIST, 'apps/api/src/main.js'), { ...env, PORT: String(API_PORT) }, `http://127.0.0.1:${API_PORT}/health`));
    const h = http(`http://127.0.0.1:${API_PORT}`);
    children.push(
      await startNode('worker', join(DIST, 'apps/worker/src/main.js'), { ...env, WORKER_PORT: String(WORKER_PORT), RECONCILE_INTERVAL_MS: '30000', RELAY_POLL_MS: '1000' }, `http://127.0.0.1:${WORKER_PORT}/health`),
    );
    const hosts: Child[] = [];
    for (let k = 0; k < AGENT_HOSTS; k++) {
      const per = HYPERVISORS / AGENT_HOSTS;
      hosts.push(await forkNode('agent host', join(__dirname, 'agent-host.js'), [h.base, BENCH_OPERATOR_KEY, String(k * per), String(per)], /agents ready/));
    }
    children.push(...hosts);
    const registered = (
      await Promise.all(hosts.map((c) => ask<number>(c.process, { type: 'started' }, 60_000).catch((error: Error) => Promise.reject(new Error(`${error.message}:\n${c.output().slice(-3000)}`)))))
    ).reduce((a, b) => a + b, 0);
    if (registered !== HYPERVISORS) throw new Error(`only ${registered} of ${HYPERVISORS} agents registered`);

    // 2,000 instances, 20 per hypervisor, in one VPC: its default group applies to all of them.
    const setupStarted = Date.now();
    const vpc = await expectStatus<{ id: string; defaultSecurityGroupId: string }>('POST /v1/vpcs', 201, h.call('POST', '/v1/vpcs', { name: 'bench-fleet', cidr: '10.20.0.0/16' }));
    const instanceIds: string[] = new Array(INSTANCES);
    const instanceOps: string[] = new Array(INSTANCES);
    // Every registration also appends to the VPC's default group, outside group commit: at
    // concurrency 16 some run out of retries (409), so 4 clients, and a 409 is sent again (counted).
    let conflicts = 0;
    await measure('register instances', INSTANCES, 4, async (i) => {
      const body = { name: `gpu-${i}`, vpcId: vpc.id, hypervisorId: `hv-${i % HYPERVISORS}`, ipv4: `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}` };
      for (let attempt = 0; ; attempt++) {
        const reply = await h.call<{ id: string; operation: { id: string } }>('POST', '/v1/instances', body);
        if (reply.status === 409 && attempt < 10) {
          conflicts++;
          continue;
        }
        if (reply.status !== 201) throw new Error(`POST /v1/instances answered ${reply.status}: ${JSON.stringify(reply.body)}`);
        instanceIds[i] = reply.body.id;
        instanceOps[i] = reply.body.operation.id;
        return;
      }
    });
    // A group on 20 instances, each on its own hypervisor.
    const small = await expectStatus<{ id: string; operation: { id: string } }>(
      'POST /v1/security-groups',
      201,
      h.call('POST', '/v1/security-groups', { vpcId: vpc.id, name: 'twenty', applyTo: { instanceIds: instanceIds.slice(0, 20) } }),
    );
    // A group on every instance: attached to the VPC's whole range (the default group's rules are fixed).
    const everywhere = await expectStatus<{ id: string; operation: { id: string } }>(
      'POST /v1/security-groups',
      201,
      h.call('POST', '/v1/security-groups', { vpcId: vpc.id, name: 'everywhere', applyTo: { cidrs: ['10.20.0.0/16'] } }),
    );
    for (const id of [...instanceOps, small.operation.id, everywhere.operation.id]) await settled(h, id, 600_000, 50);
    const setupSeconds = (Date.now() - setupStarted) / 1000;
    console.log(`\n(${INSTANCES} instances on ${HYPERVISORS} hypervisors registered and propagated in ${setupSeconds.toFixed(1)} s; ${conflicts} registrations answered 409 and were sent again)`);

    // Each set of samples within a time budget (the run must end): the count taken is reported.
    const budgetMs = options.quick ? 12_000 : 150_000;
    const p20 = await samples(h, small.id, sampleCount, 1000, budgetMs);
    const p2000 = await samples(h, everywhere.id, sampleCount, 3000, budgetMs);

    options.savePartial?.({
      propagation20: { p50Ms: percentile(p20, 50), p99Ms: percentile(p20, 99), samples: p20.length, instances: 20, hypervisors: 20 },
      propagation2000: { p50Ms: percentile(p2000, 50), p99Ms: percentile(p2000, 99), samples: p2000.length, instances: INSTANCES, hypervisors: HYPERVISORS },
      fleetSetup: { seconds: round(setupSeconds, 1), instances: INSTANCES, registrationConflicts: conflicts },
    });
    console.log(`\n(propagation samples: group on 20 instances p50 ${ms(percentile(p20, 50))}, p99 ${ms(percentile(p20, 99))} of ${p20.length}; on all ${INSTANCES}: p50 ${ms(percentile(p2000, 50))}, p99 ${ms(percentile(p2000, 99))} of ${p2000.length})`);

    // The burst: 1,000 changes to the group on every instance (every hypervisor), 50 clients at a time.
    const group = everywhere.id;
    const before = await expectStatus<{ inboundRules: unknown[]; outboundRules: unknown[] }>('GET group', 200, h.call('GET', `/v1/security-groups/${group}`));
    // The full run sends the 1,000. The quick one sends fewer (QUICK_BURST): its budget
    // cannot hold 1,000 (see docs/benchmarks.md, "The burst"); `changes` in latest.json says how many.
    const BURST = options.burst ?? (options.quick ? QUICK_BURST : 1000);
    await Promise.all(hosts.map((c) => ask(c.process, { type: 'watch', groupId: group, rules: before.inboundRules.length + before.outboundRules.length + BURST })));
    const pushesBefore = await pushes(hosts);
    const burstStarted = Date.now();
    // A request whose connection failed (a reset under load) is sent again with the same
    // Idempotency-Key, so it adds its rule once whatever the first attempt did (counted).
    let resent = 0;
    const burst = await measure('burst', BURST, 50, async (i) => {
      const body = { rules: [{ direction: 'inbound', protocol: 'udp', ports: String(10_000 + i), remote: '192.0.2.0/24' }] };
      const headers = { 'idempotency-key': `bench-burst-${process.pid}-${i}` };
      for (let attempt = 1; ; attempt++) {
        try {
          return await expectStatus('POST …/rules', 202, h.call('POST', `/v1/security-groups/${group}/rules`, body, undefined, headers));
        } catch (error) {
          if (!(error instanceof TypeError) || attempt >= 5) throw error;
          resent++;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    });
    const burstMs = Date.now() - burstStarted;
    let reached: (number | null)[] = [];
    const convergeBudgetMs = options.quick ? 30_000 : 180_000;
    const deadline = Date.now() + convergeBudgetMs;
    for (;;) {
      reached = (await Promise.all(hosts.map((c) => ask<Record<string, number | null>>(c.process, { type: 'reached' })))).flatMap((r) => Object.values(r));
      if (reached.every((t) => t !== null) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const converged = reached.every((t) => t !== null);
    const convergedAgents = reached.filter((t) => t !== null).length;
    const waitedMs = Date.now() - burstStarted;
    const convergeMs = converged ? Math.max(...(reached as number[])) - burstStarted : null;
    // Pushes still under way once every agent holds the final state count too: wait for them.
    await new Promise((r) => setTimeout(r, 1500));
    const pushesAfter = await pushes(hosts);
    const perHypervisor = Object.keys(pushesAfter).map((hv) => pushesAfter[hv] - (pushesBefore[hv] ?? 0));
    const maxPushes = Math.max(...perHypervisor);
    const allowed = Math.max(1, Math.ceil(burstMs / 100));
    const reporting = await operationEventsSince(options.url, burstStarted);

    const row = (name: string, s: number[]) => [name, s.length, ms(percentile(s, 50)), ms(percentile(s, 99)), ms(Math.max(...s))];
    options.notes.push(
      ...printTable(
        `Propagation: ${INSTANCES} instances on ${HYPERVISORS} hypervisors (memory agents over HTTP, ${AGENT_HOSTS} agent-host processes), accept → succeeded`,
        ['change', 'samples', 'p50', 'p99', 'max'],
        [row('add a rule to a group on 20 instances', p20), row(`add a rule to a group on all ${INSTANCES} instances (${HYPERVISORS} hypervisors)`, p2000)],
      ),
      ...printTable(
        `Burst: ${BURST} add-rule requests to one group on ${HYPERVISORS} hypervisors, 50 clients`,
        ['accepted in', 'every agent holds the final state after', 'pushes per hypervisor (max / mean)', 'at most one per 100 ms of burst would allow'],
        [
          [
            ms(burst.seconds * 1000),
            convergeMs === null ? `did not converge in ${convergeBudgetMs / 1000} s (${convergedAgents} of ${reached.length} agents did)` : ms(convergeMs),
            `${maxPushes} / ${(perHypervisor.reduce((a, b) => a + b, 0) / perHypervisor.length).toFixed(1)}`,
            allowed,
          ],
        ],
      ),
      ...printTable(
        `The worker's operation reports from the burst's start until ${ms(waitedMs)} later (one event per operation per hypervisor; the burst needs ${BURST} × ${HYPERVISORS} of each)`,
        ['operations still in progress', ...Object.keys(reporting.events)],
        [[reporting.inProgress, ...Object.values(reporting.events)]],
      ),
    );
    return {
      propagation20: { p50Ms: percentile(p20, 50), p99Ms: percentile(p20, 99), samples: p20.length, instances: 20, hypervisors: 20 },
      propagation2000: { p50Ms: percentile(p2000, 50), p99Ms: percentile(p2000, 99), samples: p2000.length, instances: INSTANCES, hypervisors: HYPERVISORS },
      burst1000: {
        convergeMs,
        changes: BURST,
        resentAfterConnectionError: resent,
        convergedAgents,
        operationsInProgressAtEnd: reporting.inProgress,
        operationEvents: reporting.events,
        maxPushesPerHypervisor: maxPushes,
        meanPushesPerHypervisor: round(perHypervisor.reduce((a, b) => a + b, 0) / perHypervisor.length, 1),
        acceptedMs: round(burst.seconds * 1000),
        allowedPushesAtOnePer100Ms: allowed,
        hypervisors: HYPERVISORS,
      },
      fleetSetup: { seconds: round(setupSeconds, 1), instances: INSTANCES, registrationConflicts: conflicts },
    };
  } finally {
    for (const c of children.reverse()) await c.stop();
    await dropQueueKeys(env.QUEUE_PREFIX);
  }
}

/** The run's queue keys (its own prefix) are removed from the shared Redis once the worker is gone. */
async function dropQueueKeys(prefix: string): Promise<void> {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
  try {
    for await (const keys of redis.scanStream({ match: `${prefix}:*`, count: 1000 }) as AsyncIterable<string[]>) if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** Operation events the worker wrote since `since` (by type) and the operations not finished: how far the reporting got. */
async function operationEventsSince(url: string, since: number): Promise<{ inProgress: number; events: Record<string, number> }> {
  const ds = await createDataSource({ url }, { poolSize: 1 }).initialize();
  try {
    const rows = (await ds.query(
      `SELECT type, count(*)::int AS n FROM events WHERE stream_type = 'operation' AND recorded_at >= $1 GROUP BY type ORDER BY type`,
      [new Date(since).toISOString()],
    )) as { type: string; n: number }[];
    const [{ n }] = (await ds.query(`SELECT count(*)::int AS n FROM rm_operations WHERE status IN ('queued', 'in-progress')`)) as { n: number }[];
    return { inProgress: n, events: Object.fromEntries(rows.map((r) => [r.type.replace(/^operation\./, ''), r.n])) };
  } finally {
    await ds.destroy();
  }
}

async function pushes(hosts: Child[]): Promise<Record<string, number>> {
  return Object.assign({}, ...(await Promise.all(hosts.map((c) => ask<Record<string, number>>(c.process, { type: 'pushes' })))));
}
