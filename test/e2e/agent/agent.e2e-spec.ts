import { loadAgentConfig } from '../../../apps/agent/src/config/agent-config';
import { DEV_AGENT_TOKEN } from '../../../libs/infra/src/config/agent-token';
import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { silentLogger } from '../../../apps/agent/src/logger';
import { RunningAgent, startAgent, StartAgentOptions } from '../../../apps/agent/src/start-agent';
import { ScriptedDriver } from '../../../apps/agent/src/testing/scripted.driver';
import { samplePort, sampleState } from '../../../apps/agent/src/testing/states';
import { client, Client } from '../../support/api';
import { eventually } from '../../support/async';
import { FakeControlPlane, startFakeControlPlane } from './fake-control-plane';
import { stateHash } from '../../../libs/protocol/src/state-hash';
import { gzipSync } from 'node:zlib';

const HASH = expect.stringMatching(/^[0-9a-f]{64}$/);

const OPERATOR_KEY = 'operator-key-ops-0001';
/** What agent hv-1 (the default id) takes without AGENT_TOKEN: its credential derived from the development secret. */
const HV1 = agentCredential(DEV_AGENT_TOKEN, 'hv-1');
const FAST_RETRY = { initialDelayMs: 5, maxDelayMs: 20 };

/** An agent in this process on a free port; it registers only when given a control plane. */
function start(env: Record<string, string> = {}, options: StartAgentOptions = {}): Promise<RunningAgent> {
  const config = loadAgentConfig({ AGENT_PORT: '0', AGENT_REGISTER: 'false', AGENT_API_KEY: OPERATOR_KEY, ...env });
  return startAgent(config, { logger: silentLogger, retry: FAST_RETRY, ...options });
}

describe('agent over HTTP', () => {
  let driver: ScriptedDriver;
  let agent: RunningAgent;
  let http: Client;

  beforeEach(async () => {
    driver = new ScriptedDriver();
    agent = await start({}, { driver });
    http = client(agent.url, 'nobody', { authorization: `Bearer ${HV1}` });
  });
  afterEach(() => agent.close());

  it("refuses a push without its own credential (401), applying nothing and counting each refusal", async () => {
    const otherAgents = agentCredential(DEV_AGENT_TOKEN, 'hv-2');
    const attempts = [undefined, 'Bearer not-the-agent-token', `Bearer ${DEV_AGENT_TOKEN}`, `Bearer ${otherAgents}`, `Basic ${HV1}`, `Bearer ${HV1}x`];
    for (const authorization of attempts) {
      const res = await client(agent.url, 'nobody', authorization ? { authorization } : {}).put('/v1/state', sampleState({ revision: 9 }));
      expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
      expect(res.body.error).toMatch(/AGENT_TOKEN/);
    }
    // Refused pushes count too, as the protocol documents `pushes`.
    expect((await http.get('/v1/state')).body).toMatchObject({ appliedRevision: 0, pushes: attempts.length, ports: [] });
    const own = await start({ AGENT_TOKEN: agentCredential('a-production-secret', 'hv-1') }, { driver: new ScriptedDriver() });
    try {
      const agentHttp = client(own.url, 'nobody');
      expect((await agentHttp.put('/v1/state', sampleState(), { authorization: `Bearer ${HV1}` })).status).toBe(401);
      expect((await agentHttp.put('/v1/state', sampleState(), { authorization: `Bearer ${agentCredential('a-production-secret', 'hv-1')}` })).status).toBe(200);
    } finally {
      await own.close();
    }
  });

  it('shows its state only to whoever holds its credential; health and metrics stay open', async () => {
    await http.put('/v1/state', sampleState({ revision: 4 }));
    for (const authorization of [undefined, `Bearer ${DEV_AGENT_TOKEN}`, `Bearer ${agentCredential(DEV_AGENT_TOKEN, 'hv-2')}`]) {
      const res = await client(agent.url, 'nobody', authorization ? { authorization } : {}).get('/v1/state');
      expect([res.status, res.headers.get('www-authenticate')]).toEqual([401, 'Bearer']);
      expect(res.text).not.toContain('10.0.');
    }
    expect((await http.get('/v1/state')).body).toMatchObject({ appliedRevision: 4 });
    expect((await client(agent.url, 'nobody').get('/health')).status).toBe(200);
    expect((await client(agent.url, 'nobody').get('/metrics')).status).toBe(200);
  });

  it('applies a pushed state and shows it', async () => {
    const state = sampleState({ revision: 42 });
    const res = await http.put('/v1/state', state);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hypervisorId: 'hv-1', appliedRevision: 42, appliedHash: HASH, changed: true });
    const shown = await http.get('/v1/state');
    expect(shown.body).toMatchObject({ hypervisorId: 'hv-1', appliedRevision: 42, driver: 'memory', ports: state.ports, pushes: 1, lastError: null });
    expect(Date.parse(shown.body.appliedAt)).not.toBeNaN();
    expect((await http.get('/health')).body).toEqual({ status: 'ok', hypervisorId: 'hv-1', appliedRevision: 42, appliedHash: stateHash(state.ports), startup: 'disabled' });
  });

  it('answers a re-push of the applied revision without applying it again', async () => {
    await http.put('/v1/state', sampleState({ revision: 3 }));
    const res = await http.put('/v1/state', sampleState({ revision: 3 }));
    expect(res.body).toEqual({ hypervisorId: 'hv-1', appliedRevision: 3, appliedHash: HASH, changed: false });
    expect(driver.applied).toEqual([3]);
  });

  it('answers a stale push with the newer applied revision and keeps the newer state', async () => {
    await http.put('/v1/state', sampleState({ revision: 8 }));
    const res = await http.put('/v1/state', sampleState({ revision: 7, ports: [] }));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ hypervisorId: 'hv-1', appliedRevision: 8, appliedHash: HASH, changed: false });
    expect((await http.get('/v1/state')).body.ports).toEqual([samplePort()]);
  });

  it('re-applies the same revision when forced (a resync)', async () => {
    await http.put('/v1/state', sampleState({ revision: 5 }));
    const res = await http.put('/v1/state', sampleState({ revision: 5, force: true, ports: [] }));
    expect(res.body).toEqual({ hypervisorId: 'hv-1', appliedRevision: 5, appliedHash: HASH, changed: true });
    expect((await http.get('/v1/state')).body.ports).toEqual([]);
  });

  it('applies concurrent pushes one at a time and ends on the highest revision', async () => {
    driver.delayMs = 2;
    const revisions = [7, 3, 12, 1, 9, 12, 5, 11, 2, 10, 4, 8, 6];
    const answers = await Promise.all(revisions.map((revision) => http.put('/v1/state', sampleState({ revision }))));
    answers.forEach((res, i) => {
      expect(res.status).toBe(200);
      // The protocol's promise: an answer never reports less than the revision it was sent.
      expect(res.body.appliedRevision).toBeGreaterThanOrEqual(revisions[i]);
    });
    expect(driver.maxConcurrent).toBe(1);
    expect(driver.applied).toEqual([...driver.applied].sort((a, b) => a - b));
    expect(new Set(driver.applied).size).toBe(driver.applied.length);
    expect((await http.get('/v1/state')).body).toMatchObject({ appliedRevision: 12, pushes: revisions.length });
  });

  it('refuses a state meant for another hypervisor', async () => {
    const res = await http.put('/v1/state', sampleState({ hypervisorId: 'hv-2' }));
    expect(res.status).toBe(409);
    expect(res.body).toEqual({ error: 'wrong hypervisor', hypervisorId: 'hv-1' });
    expect(driver.applied).toEqual([]);
  });

  it('refuses a bad body with 400, naming the fields, and applies nothing', async () => {
    const res = await http.put('/v1/state', { ...sampleState(), revision: 'two', extra: true });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^The body is not a valid desired state: /);
    expect(res.body.issues).toEqual([
      { path: 'extra', message: 'unknown field' },
      { path: 'revision', message: 'must be a whole number ≥ 1' },
    ]);
    for (const raw of ['{"revision": 1,', '', 'null']) {
      const bad = await http.put('/v1/state', raw);
      expect(bad.status).toBe(400);
      expect(typeof bad.body.error).toBe('string');
    }
    expect(driver.applied).toEqual([]);
    expect((await http.get('/v1/state')).body).toMatchObject({ appliedRevision: 0, pushes: 4 });
  });

  it('answers 500 with the revision still in force when the driver fails, and keeps that state', async () => {
    await http.put('/v1/state', sampleState({ revision: 1 }));
    driver.failNext('nft: Could not process rule: No such file or directory');
    const res = await http.put('/v1/state', sampleState({ revision: 2, ports: [] }));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: 'nft: Could not process rule: No such file or directory', appliedRevision: 1, appliedHash: HASH });
    expect((await http.get('/v1/state')).body).toMatchObject({ appliedRevision: 1, ports: [samplePort()], lastError: { revision: 2 } });
    expect((await http.put('/v1/state', sampleState({ revision: 2, ports: [] }))).body).toMatchObject({ appliedRevision: 2, changed: true });
  });

  it('takes a gzip push, as the worker sends it: the hash is of the JSON inside, members travel once as a set', async () => {
    const port = samplePort();
    const rule = { ...port.groups[0].rules[0], id: 'sgr-db', remoteCidrs: [], remoteGroupId: 'sg-db' };
    const state = sampleState({ revision: 7, ports: [{ ...port, groups: [{ ...port.groups[0], rules: [rule] }] }], remoteGroups: [{ groupId: 'sg-db', ipv4: ['10.0.3.7/32'], ipv6: [] }] });
    const json = Buffer.from(JSON.stringify(state));
    const zipped = gzipSync(json);
    expect(zipped.length).toBeLessThan(json.length);
    const res = await fetch(`${agent.url}/v1/state`, { method: 'PUT', headers: { authorization: `Bearer ${HV1}`, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: zipped });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hypervisorId: 'hv-1', appliedRevision: 7, appliedHash: stateHash(state.ports, state.remoteGroups), changed: true });
    expect((await http.get('/v1/state')).body).toMatchObject({ appliedRevision: 7, ports: state.ports, remoteGroups: state.remoteGroups });
    // Another encoding is refused (415), and so is garbage that claims to be gzip (400): nothing applied.
    for (const [encoding, body, status] of [['br', zipped, 415], ['gzip', json, 400]] as const) {
      const refused = await fetch(`${agent.url}/v1/state`, { method: 'PUT', headers: { authorization: `Bearer ${HV1}`, 'content-encoding': encoding }, body });
      expect({ encoding, status: refused.status }).toEqual({ encoding, status });
    }
    expect((await http.get('/health')).body.appliedRevision).toBe(7);
  });

  it('answers unknown paths with 404 and wrong methods with 405', async () => {
    expect((await http.get('/v1/nothing')).status).toBe(404);
    const res = await http.post('/v1/state', sampleState());
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('PUT, GET');
  });

  it('is ready while its last apply succeeded, and says why not (503) once one failed', async () => {
    expect(await (await fetch(`${agent.url}/health/ready`)).json()).toEqual({
      status: 'ready',
      checks: { startup: { status: 'up', detail: 'disabled' }, driver: { status: 'up' } },
      hypervisorId: 'hv-1',
      appliedRevision: 0,
    });
    driver.failNext('nft: out of memory');
    await http.put('/v1/state', sampleState({ revision: 3 }));
    const res = await fetch(`${agent.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'not-ready', checks: { driver: { status: 'down', detail: 'revision 3 failed to apply: nft: out of memory' } } });
    await http.put('/v1/state', sampleState({ revision: 3 }));
    expect((await fetch(`${agent.url}/health/ready`)).status).toBe(200);
  });

  it('serves Prometheus metrics: pushes by outcome, apply durations, the state in force, its requests', async () => {
    await http.put('/v1/state', sampleState({ revision: 5 }));
    await http.put('/v1/state', sampleState({ revision: 5 }));
    await client(agent.url, 'nobody').put('/v1/state', sampleState({ revision: 6 }));
    const res = await fetch(`${agent.url}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^sg_agent_pushes_total\{outcome="applied",hypervisor="hv-1"\} 1$/m);
    expect(text).toMatch(/^sg_agent_pushes_total\{outcome="unchanged",hypervisor="hv-1"\} 1$/m);
    expect(text).toMatch(/^sg_agent_pushes_total\{outcome="unauthorized",hypervisor="hv-1"\} 1$/m);
    expect(text).toMatch(/^sg_agent_apply_duration_seconds_count\{hypervisor="hv-1",reason="push",outcome="ok"\} 1$/m);
    expect(text).toMatch(/^sg_agent_applied_revision\{hypervisor="hv-1"\} 5$/m);
    expect(text).toMatch(/^sg_agent_ruleset_size\{kind="ports",hypervisor="hv-1"\} 1$/m);
    expect(text).toMatch(/^http_request_duration_seconds_count\{hypervisor="hv-1",method="PUT",route="\/v1\/state",status="200"\} 2$/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds\{hypervisor="hv-1"\} /m);
  });

  it('lets a push in progress finish and answer before it closes', async () => {
    driver.delayMs = 200;
    const pushing = http.put('/v1/state', sampleState({ revision: 4 }));
    await eventually(async () => (driver.maxConcurrent > 0 ? true : undefined), { what: 'the apply to start' });
    await agent.close();
    expect((await pushing).body).toEqual({ hypervisorId: 'hv-1', appliedRevision: 4, appliedHash: HASH, changed: true });
  });
});

describe('agent body limit', () => {
  it('refuses a gzip body that unfolds past the limit (413), however small it travels', async () => {
    const agent = await start({}, { maxBodyBytes: 4096 });
    try {
      const bomb = gzipSync(Buffer.from(`{"pad": "${'x'.repeat(1_000_000)}"}`));
      expect(bomb.length).toBeLessThan(4096);
      const res = await fetch(`${agent.url}/v1/state`, { method: 'PUT', headers: { authorization: `Bearer ${HV1}`, 'content-encoding': 'gzip' }, body: bomb });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: string }).error).toMatch(/larger than 4096 bytes once decompressed/);
    } finally {
      await agent.close();
    }
  });

  it('refuses a body over the limit with 413, and stays usable', async () => {
    const agent = await start({}, { maxBodyBytes: 2048 });
    try {
      const http = client(agent.url, 'nobody', { authorization: `Bearer ${HV1}` });
      const ports = Array.from({ length: 40 }, (_, i) => samplePort(`i-${i}`, `10.0.1.${i}`));
      const res = await http.put('/v1/state', sampleState({ ports }));
      expect(res.status).toBe(413);
      expect(res.body.error).toMatch(/larger than 2048 bytes/);
      expect((await http.put('/v1/state', sampleState())).status).toBe(200);
    } finally {
      await agent.close();
    }
  });
});

describe('agent start-up', () => {
  let api: FakeControlPlane;
  afterEach(() => api.close());

  it('registers, then asks for its full state, retrying through 503 and 404, with its own credential (no API key)', async () => {
    api = await startFakeControlPlane({
      answer: (call, previous) => {
        if (call.method === 'PUT') return previous < 2 ? 503 : 200;
        return previous < 2 ? { status: 404, body: { type: 'not-found' } } : 202;
      },
    });
    const agent = await start({ AGENT_ID: 'hv-7', AGENT_REGISTER: 'true', API_URL: api.url });
    try {
      expect(await agent.startup).toBe('done');
      expect(api.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        'PUT /v1/hypervisors/hv-7',
        'PUT /v1/hypervisors/hv-7',
        'PUT /v1/hypervisors/hv-7',
        'POST /v1/hypervisors/hv-7/resync',
        'POST /v1/hypervisors/hv-7/resync',
        'POST /v1/hypervisors/hv-7/resync',
      ]);
      expect(api.calls.every((c) => c.authorization === `Bearer ${agentCredential(DEV_AGENT_TOKEN, 'hv-7')}`)).toBe(true);
      expect(api.calls[0].body).toEqual({ agentUrl: agent.url });
      expect((await client(agent.url, 'nobody').get('/health')).body.startup).toBe('done');
    } finally {
      await agent.close();
    }
  });

  it('serves pushes while the control plane does not know it yet', async () => {
    api = await startFakeControlPlane({ answer: (call) => (call.method === 'POST' ? 404 : 200) });
    const agent = await start({ AGENT_REGISTER: 'true', API_URL: api.url });
    try {
      const http = client(agent.url, 'nobody', { authorization: `Bearer ${HV1}` });
      await eventually(async () => ((await http.get('/health')).body.startup === 'requesting-resync' ? true : undefined), { what: 'registration' });
      expect((await http.put('/v1/state', sampleState({ revision: 3 }))).body).toMatchObject({ appliedRevision: 3, changed: true });
    } finally {
      await agent.close();
    }
    expect(await agent.startup).toBe('stopped');
  });

  it('registers the URL AGENT_URL names', async () => {
    api = await startFakeControlPlane();
    const agent = await start({ AGENT_REGISTER: 'true', API_URL: api.url, AGENT_URL: 'http://10.0.0.7:7001/' });
    try {
      await agent.startup;
      expect(api.calls[0].body).toEqual({ agentUrl: 'http://10.0.0.7:7001' });
    } finally {
      await agent.close();
    }
  });

  it('stops retrying once closed', async () => {
    api = await startFakeControlPlane({ answer: () => 503 });
    const agent = await start({ AGENT_REGISTER: 'true', API_URL: api.url });
    await eventually(async () => (api.calls.length >= 3 ? true : undefined), { what: 'a few attempts' });
    await agent.close();
    expect(await agent.startup).toBe('stopped');
    const seen = api.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    // An attempt already on the wire when it closed may still land; retries (every ≤ 20 ms) may not.
    expect(api.calls.length - seen).toBeLessThanOrEqual(1);
  });
});

describe('agent logs', () => {
  it('write one line per request, and the request ids a push carries on the lines of that push', async () => {
    const lines: { level: string; msg: string; [key: string]: unknown }[] = [];
    const logger = {
      info: (msg: string, fields?: Record<string, unknown>) => lines.push({ level: 'info', msg, ...fields }),
      warn: (msg: string, fields?: Record<string, unknown>) => lines.push({ level: 'warn', msg, ...fields }),
    };
    const agent = await start({}, { logger });
    try {
      const http = client(agent.url, 'nobody', { authorization: `Bearer ${HV1}`, 'x-request-id': 'req-a1,req-b2' });
      expect((await http.put('/v1/state', sampleState({ revision: 2 }))).status).toBe(200);
      await eventually(async () => (lines.some((l) => l.msg === 'request completed') ? true : undefined), { what: 'the access line' });
      expect(lines.filter((l) => (l.requestIds as string[] | undefined)?.join() === 'req-a1,req-b2').map((l) => l.msg)).toEqual(['applied revision 2: 1 ports', 'request completed']);
      expect(lines.find((l) => l.msg === 'request completed')).toMatchObject({ method: 'PUT', url: '/v1/state', status: 200 });
      expect(JSON.stringify(lines)).not.toContain(HV1);
    } finally {
      await agent.close();
    }
  });
});
