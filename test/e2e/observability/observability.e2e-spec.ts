import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AgentProcess, spawnAgent, stopAllAgents } from '../../support/agent-process';
import { client, Client, KEYS, TEST_API_KEYS } from '../../support/api';
import { eventually, FAST_PROPAGATION, settled } from '../../support/system';
import { exportedNames, metricNamesIn } from '../../../tools/deploy/promql';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { ROOT } from '../../support/transpile';
import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { spawnApi, spawnWorker, stopAllWorkers, WorkerProcess } from '../../support/worker-process';

/**
 * The three processes as deployed (each its own process, JSON logs on stdout), watched as an
 * operator would: their /metrics after changes propagated (and one that failed), their readiness,
 * and their logs, through which one request id follows a change from the API to the agents.
 */

const AGENT_TOKEN = `agent-token-${randomBytes(8).toString('hex')}`;
const REQUEST_ID = `trace-${randomBytes(6).toString('hex')}`;

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text page. */
function parseMetrics(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!m) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => [k, v]));
      return { name: m[1], labels, value: Number(m[3]) };
    });
}

/** A scrape as Prometheus makes it (the API's /metrics needs an operator key, as prometheus.yml sends it). */
async function scrape(url: string, key?: string): Promise<Sample[]> {
  const res = await fetch(`${url}/metrics`, { headers: key ? { authorization: `Bearer ${key}` } : {} });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await res.text());
}

/** The value of the one sample of `name` whose labels include `labels` (undefined: none). */
function valueOf(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found.length === 0 ? undefined : found.reduce((sum, s) => sum + s.value, 0);
}

/** A process's log lines as JSON objects (every line must be one: no stray text in production logs). */
function logLines(output: string): Record<string, any>[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`a log line that is not JSON: ${line}`);
      }
    });
}

describe('operating the three processes: metrics, readiness, logs', () => {
  let db: TestDatabase;
  let api: WorkerProcess;
  let worker: WorkerProcess;
  let agents: AgentProcess[];
  let http: Client;
  let ticket: string;
  let operationId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { ...FAST_PROPAGATION, DATABASE_URL: db.url, API_KEYS: TEST_API_KEYS, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}`, AGENT_TOKEN };
    api = await spawnApi(env);
    worker = await spawnWorker(env);
    agents = await Promise.all(['hv-1', 'hv-2'].map((id) => spawnAgent({ id, apiUrl: api.url!, apiKey: KEYS.operator, env: { AGENT_TOKEN } })));
    http = client(api.url!);
    const operator = client(api.url!, 'operator');
    await eventually('both agents registered', async () => ((await operator.get('/v1/hypervisors')).body.length === 2 ? true : undefined));

    // A browser's way into the notification stream: a ticket in the URL (it must not reach a log).
    ticket = (await http.post('/v1/notifications/tickets')).body.ticket;
    const stream = await fetch(`${api.url}/v1/notifications/stream?ticket=${encodeURIComponent(ticket)}`);
    expect(stream.status).toBe(200);
    await stream.body!.cancel();

    const vpcId = (await http.post('/v1/vpcs', { name: 'observed', cidr: '10.0.0.0/16' })).body.id;
    const i1 = (await http.post('/v1/instances', { name: 'gpu-1', vpcId, hypervisorId: 'hv-1', ipv4: '10.0.1.5' })).body;
    const i2 = (await http.post('/v1/instances', { name: 'gpu-2', vpcId, hypervisorId: 'hv-2', ipv4: '10.0.2.5' })).body;
    // The change followed through the logs, under a request id of the caller's choosing.
    const group = await http.post(
      '/v1/security-groups',
      { vpcId, name: 'web', rules: [{ direction: 'inbound', preset: 'SSH', remote: '203.0.113.0/24' }], applyTo: { instanceIds: [i1.id, i2.id] } },
      { 'x-request-id': REQUEST_ID },
    );
    expect(group.status).toBe(201);
    operationId = group.body.operation.id;
    for (const op of [i1.operation.id, i2.operation.id, operationId]) expect((await settled(http, op, 30_000)).status).toBe('succeeded');

    // An agent that is gone: the next change to its hypervisor fails after its attempts.
    await agents[1].kill('SIGTERM');
    const failing = await http.post(`/v1/security-groups/${group.body.id}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: 8080 }] });
    expect((await settled(http, failing.body.operation.id, 30_000)).status).toBe('failed');
  }, 120_000);

  afterAll(async () => {
    await stopAllAgents();
    await stopAllWorkers();
    await db.drop();
  });

  it('the API exports request durations by route template and status, event appends, and its process', async () => {
    const m = await scrape(api.url!, KEYS.operator);
    expect(valueOf(m, 'http_request_duration_seconds_count', { method: 'POST', route: '/v1/security-groups', status: '201' })).toBe(1);
    expect(valueOf(m, 'http_request_duration_seconds_bucket', { method: 'GET', route: '/v1/operations/:id', status: '200', le: '+Inf' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_event_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_events_appended_total', { stream_type: 'security-group' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_events_appended_total', { stream_type: 'operation' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_notification_streams_open')).toBe(0);
    expect(valueOf(m, 'sg_ready')).toBe(1);
    expect(valueOf(m, 'sg_check_up', { check: 'migrations' })).toBe(1);
    for (const name of ['process_cpu_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) expect({ name, value: valueOf(m, name) }).toEqual({ name, value: expect.any(Number) });
  });

  it('the worker exports pushes and their errors by hypervisor, operations by final status, propagation latency, relay lag, queue depth and hypervisors out of sync', async () => {
    // hv-2 is gone and stays behind; hv-1 catches up (the reconciler may resync it meanwhile). The
    // relay counts an operation's end once it passes its event, a moment after the API shows it.
    const m = await eventually('hv-1 in sync, and the failure counted', async () => {
      const samples = await scrape(worker.url!);
      return valueOf(samples, 'sg_hypervisor_revision_lag', { hypervisor: 'hv-1' }) === 0 && valueOf(samples, 'sg_operations_finished_total', { status: 'failed' }) === 1 ? samples : undefined;
    });
    expect(valueOf(m, 'sg_agent_push_duration_seconds_count', { hypervisor: 'hv-1', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_agent_push_duration_seconds_count', { hypervisor: 'hv-2', outcome: 'error' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_agent_push_errors_total', { hypervisor: 'hv-2', reason: 'unreachable' })).toBeGreaterThanOrEqual(Number(FAST_PROPAGATION.PROPAGATION_ATTEMPTS));
    expect(valueOf(m, 'sg_operations_finished_total', { status: 'succeeded' })).toBeGreaterThanOrEqual(3);
    expect(valueOf(m, 'sg_operations_finished_total', { status: 'failed' })).toBe(1);
    expect(valueOf(m, 'sg_operations_queued_total')).toBeGreaterThanOrEqual(4);
    expect(valueOf(m, 'sg_propagation_latency_seconds_count')).toBeGreaterThanOrEqual(3);
    expect(valueOf(m, 'sg_propagation_latency_seconds_sum')).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_relay_leader')).toBe(1);
    expect(valueOf(m, 'sg_ready')).toBe(1);
    expect(valueOf(m, 'sg_check_up', { check: 'relay' })).toBe(1);
    expect(valueOf(m, 'sg_relay_lag_events')).toBe(0);
    expect(valueOf(m, 'sg_relay_lag_seconds')).toBe(0);
    expect(valueOf(m, 'sg_queue_jobs', { queue: 'hypervisor-sync', state: 'completed' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_queue_jobs', { queue: 'hypervisor-sync', state: 'failed' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_queue_jobs', { queue: 'hypervisor-sync', state: 'waiting' })).toEqual(expect.any(Number));
    expect(valueOf(m, 'sg_hypervisors_out_of_sync')).toBe(1);
    expect(valueOf(m, 'sg_hypervisor_revision_lag', { hypervisor: 'hv-2' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_hypervisor_revision_lag', { hypervisor: 'hv-1' })).toBe(0);
    expect(valueOf(m, 'sg_event_append_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(m, 'process_cpu_seconds_total')).toEqual(expect.any(Number));
  });

  it('an agent exports its apply durations, the size of what it enforces, its pushes and its drift counters', async () => {
    const m = await scrape(agents[0].url);
    const hv = { hypervisor: 'hv-1' };
    expect(valueOf(m, 'sg_agent_apply_duration_seconds_count', { ...hv, reason: 'push', outcome: 'ok' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_agent_pushes_total', { ...hv, outcome: 'applied' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_agent_ruleset_size', { ...hv, kind: 'ports' })).toBe(1);
    expect(valueOf(m, 'sg_agent_ruleset_size', { ...hv, kind: 'rules' })).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_agent_applied_revision', hv)).toBeGreaterThan(0);
    expect(valueOf(m, 'sg_ready', hv)).toBe(1);
    expect(valueOf(m, 'sg_check_up', { ...hv, check: 'startup' })).toBe(1);
    // The memory driver never drifts: the series exist at 0 (the enforcement tier sees repairs).
    expect(valueOf(m, 'sg_agent_drift_repairs_total', hv)).toBe(0);
    expect(valueOf(m, 'http_request_duration_seconds_count', { ...hv, method: 'PUT', route: '/v1/state', status: '200' })).toBeGreaterThan(0);
    expect(valueOf(m, 'process_cpu_seconds_total', hv)).toEqual(expect.any(Number));
  });

  it('each answers /health/ready in the same shape: the worker with its relay\'s role, the agent with its start-up', async () => {
    const [w, a] = await Promise.all([fetch(`${worker.url}/health/ready`), fetch(`${agents[0].url}/health/ready`)]);
    expect([w.status, a.status]).toEqual([200, 200]);
    expect(await w.json()).toEqual({ status: 'ready', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, relay: { status: 'up', detail: 'leader' } } });
    expect(await a.json()).toMatchObject({ status: 'ready', checks: { startup: { status: 'up', detail: 'done' }, driver: { status: 'up' } } });
    expect(await (await fetch(`${worker.url}/health`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${api.url}/health/ready`)).status).toBe(200);
  });

  it('one request id follows the change through the API\'s, the worker\'s and both agents\' log lines', async () => {
    // The API names the request by its own id; the caller's X-Request-Id is kept beside it.
    const accessLines = logLines(api.output()).filter((line) => JSON.stringify(line).includes(REQUEST_ID));
    expect(accessLines).toEqual([expect.objectContaining({ service: 'api', clientRequestId: REQUEST_ID, msg: 'request completed', method: 'POST', route: '/v1/security-groups', status: 201 })]);
    const serverId = accessLines[0].requestId as string;
    expect(serverId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const traced = (output: string) => logLines(output).filter((line) => JSON.stringify(line).includes(serverId));
    expect(traced(api.output())).toEqual(accessLines);
    const workerLines = traced(worker.output());
    expect(workerLines.map((l) => l.msg)).toEqual(
      expect.arrayContaining([expect.stringMatching(new RegExp(`^operation ${operationId} queued for hv-1, hv-2$`)), expect.stringMatching(/^hv-1: pushing revision \d+/), expect.stringMatching(/^hv-2: pushing revision \d+/), expect.stringMatching(/^hv-1: revision \d+ applied/)]),
    );
    expect(workerLines.find((l) => l.msg.includes('queued for'))).toMatchObject({ service: 'worker', operationId, requestId: serverId });
    expect(workerLines.find((l) => l.msg.startsWith('hv-1: pushing'))).toMatchObject({ hypervisorId: 'hv-1', operationIds: expect.arrayContaining([operationId]), requestIds: expect.arrayContaining([serverId]) });
    for (const agent of agents) {
      const lines = traced(agent.output());
      expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining([expect.stringMatching(/^applied revision \d+/), 'request completed']));
      expect(lines.every((l) => l.service === 'agent' && l.hypervisorId === agent.id && l.requestIds.includes(serverId))).toBe(true);
    }
    // And the operation carries it: its events' metadata.
    const [row] = await db.dataSource.query(`SELECT metadata->>'requestId' AS request_id, metadata->>'clientRequestId' AS client_request_id FROM events WHERE stream_id = $1 AND version = 1`, [operationId]);
    expect(row).toEqual({ request_id: serverId, client_request_id: REQUEST_ID });
  });

  it('no key, token or ticket appears in any log line of the run', () => {
    const secrets = [...Object.values(KEYS), AGENT_TOKEN, agentCredential(AGENT_TOKEN, 'hv-1'), agentCredential(AGENT_TOKEN, 'hv-2'), ticket, ticket.split('.')[1], 'dev-agent-token'];
    const outputs = { api: api.output(), worker: worker.output(), 'hv-1': agents[0].output(), 'hv-2': agents[1].output() };
    for (const [process, output] of Object.entries(outputs)) {
      expect({ process, lines: logLines(output).length > 5 }).toEqual({ process, lines: true });
      for (const secret of secrets) expect({ process, leaks: output.includes(secret) }).toEqual({ process, leaks: false });
    }
    // The stream's access line is there, its ticket replaced.
    expect(outputs.api).toMatch(/"url":"\/v1\/notifications\/stream\?ticket=\[redacted\]"/);
  });

  it('the Grafana dashboard and the Prometheus alerts ask only for metrics these processes export', async () => {
    const pages = await Promise.all([api.url!, worker.url!, agents[0].url].map(async (url) => (await fetch(`${url}/metrics`, { headers: url === api.url ? { authorization: `Bearer ${KEYS.operator}` } : {} })).text()));
    // `up` and ALERTS are Prometheus's own series.
    const exported = new Set(['up', 'ALERTS', ...pages.flatMap((page) => [...exportedNames(page)])]);
    const dashboard = JSON.parse(readFileSync(join(ROOT, 'deploy/grafana/security-groups.json'), 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    const alerts = parse(readFileSync(join(ROOT, 'deploy/prometheus/alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    const expressions = [
      ...dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `panel "${p.title}"`, expr: t.expr }))),
      ...alerts.groups.flatMap((g) => g.rules.map((r) => ({ where: `alert ${r.alert}`, expr: r.expr }))),
    ];
    expect(expressions.length).toBeGreaterThan(30);
    const unknown = expressions.flatMap(({ where, expr }) => metricNamesIn(expr).filter((name) => !exported.has(name)).map((name) => `${where}: ${name}`));
    expect(unknown).toEqual([]);
    // The check can fail: it sees the names it must.
    expect(metricNamesIn(alerts.groups[0].rules[0].expr)).toEqual(['sg_operations_finished_total']);
  });
});

