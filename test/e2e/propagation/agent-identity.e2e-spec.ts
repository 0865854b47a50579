import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { DEV_AGENT_TOKEN } from '../../../libs/protocol/src/agent-token';
import { registerAgent } from '../../support/api';
import { eventually, settled, startSystem, System } from '../../support/system';

/** A server that records whatever reaches it: where the redirection sent the agent secret and every tenant's rules. */
async function trap(): Promise<{ url: string; seen: { method?: string; authorization?: string; body: string }[]; close(): Promise<void> }> {
  const seen: { method?: string; authorization?: string; body: string }[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    // The worker pushes gzip: what reaches the trap is read as the agent would.
    const raw = Buffer.concat(chunks);
    const body = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
    seen.push({ method: req.method, authorization: req.headers.authorization, body });
    res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"trap"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * Agents with identities (docs/reliability.md): each agent has its own credential, the worker
 * sends an agent only its own, only the agent itself registers its URL, and reading an agent's
 * state needs its credential. The attack, an operator key pointing a hypervisor at a URL
 * of the attacker's, gets nothing.
 */
describe('agent identities: the redirection attack gets nothing', () => {
  let sys: System;
  let sink: Awaited<ReturnType<typeof trap>>;
  let vpcId: string;

  beforeAll(async () => {
    sink = await trap();
    sys = await startSystem({ agents: ['hv-1', 'hv-2'] });
    await eventually('both agents registered', async () => ((await sys.operator.get('/v1/hypervisors')).body.length === 2 ? true : undefined));
    vpcId = (await sys.http.post('/v1/vpcs', { name: 'identity', cidr: '10.0.0.0/16' })).body.id;
  });
  afterAll(async () => {
    await sys.close();
    await sink.close();
  });

  it('an operator key cannot point a hypervisor anywhere (403); the next change reaches the real agent and nothing reaches the trap', async () => {
    for (const agentUrl of [sink.url, 'http://127.0.0.1:5432', 'https://[::1]:5432', 'http://2130706433:5432']) {
      const res = await sys.operator.put('/v1/hypervisors/hv-1', { agentUrl });
      expect([agentUrl, res.status, res.body.type]).toEqual([agentUrl, 403, 'forbidden']);
    }
    const hv1 = (await sys.operator.get('/v1/hypervisors/hv-1')).body;
    expect(hv1.agentUrl).toBe(sys.agents.get('hv-1')!.url);

    const instance = await sys.http.post('/v1/instances', { name: 'gpu-1', vpcId, hypervisorId: 'hv-1', ipv4: '10.0.1.5' });
    expect((await settled(sys.http, instance.body.operation.id, 30_000)).status).toBe('succeeded');
    expect((await sys.agents.get('hv-1')!.state()).ports.map((p) => p.instanceId)).toEqual([instance.body.id]);
    expect(sink.seen).toEqual([]);
  });

  it('a stolen agent host redirects only its own hypervisor, and learns only what it had: its own credential and state', async () => {
    // hv-2's host, taken over, registers hv-2 at the attacker's server (loopback is allowed outside production).
    expect((await registerAgent(sys.api.url, 'hv-2', sink.url)).status).toBe(200);
    // It cannot do the same for hv-1: its credential is hv-2's.
    const forHv1 = await sys.http.as('nobody', { authorization: `Bearer ${agentCredential(DEV_AGENT_TOKEN, 'hv-2')}` }).put('/v1/hypervisors/hv-1', { agentUrl: sink.url });
    expect(forHv1.status).toBe(401);

    const instance = await sys.http.post('/v1/instances', { name: 'gpu-2', vpcId, hypervisorId: 'hv-2', ipv4: '10.0.2.5' });
    await settled(sys.http, instance.body.operation.id, 30_000);
    await sys.http.post('/v1/security-groups', { vpcId, name: 'more', rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }], applyTo: { instanceIds: [instance.body.id] } });
    await eventually('the worker to push to the redirected hv-2', async () => (sink.seen.some((r) => r.method === 'PUT') ? true : undefined));

    const hv1Credential = agentCredential(DEV_AGENT_TOKEN, 'hv-1');
    // The reconciler's health probes carry no credential at all.
    for (const probe of sink.seen.filter((r) => r.method === 'GET')) expect(probe.authorization).toBeUndefined();
    for (const { authorization, body } of sink.seen.filter((r) => r.method === 'PUT')) {
      expect(authorization).toBe(`Bearer ${agentCredential(DEV_AGENT_TOKEN, 'hv-2')}`);
      expect(authorization).not.toContain(hv1Credential);
      expect(authorization).not.toContain(DEV_AGENT_TOKEN);
      expect(JSON.parse(body).hypervisorId).toBe('hv-2');
      expect(body).not.toContain('10.0.1.5');
    }
  });

  it('an agent shows its state only with its own credential', async () => {
    const agent = sys.agents.get('hv-1')!;
    expect((await fetch(`${agent.url}/v1/state`)).status).toBe(401);
    expect((await fetch(`${agent.url}/v1/state`, { headers: { authorization: `Bearer ${DEV_AGENT_TOKEN}` } })).status).toBe(401);
    expect((await fetch(`${agent.url}/v1/state`, { headers: { authorization: `Bearer ${agentCredential(DEV_AGENT_TOKEN, 'hv-2')}` } })).status).toBe(401);
    expect((await agent.state()).appliedRevision).toBeGreaterThan(0);
  });
});
