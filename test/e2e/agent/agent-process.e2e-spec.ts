import { sampleState } from '../../../apps/agent/src/testing/states';
import { DEV_AGENT_TOKEN } from '../../../libs/infra/src/config/agent-token';
import { agentCredential } from '../../../libs/protocol/src/agent-credential';
import { eventually } from '../../support/async';
import { AgentProcess, spawnAgent, spawnAgents, stopAllAgents } from '../../support/agent-process';
import { FakeControlPlane, startFakeControlPlane } from './fake-control-plane';

const OPERATOR_KEY = 'operator-key-ops-0001';

/** The agent as the hypervisor runs it: its own process, configured by environment, stopped by signal. */
describe('agent process', () => {
  let api: FakeControlPlane;
  let revision = 0;

  beforeAll(async () => {
    // Like the worker: a resync request is answered by pushing the full state, forced, at a new revision.
    api = await startFakeControlPlane({
      answer: (call) => (call.path.endsWith('/resync') ? 202 : 200),
      onResync: async (hypervisorId, agentUrl) => {
        await fetch(`${agentUrl}/v1/state`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${agentCredential(DEV_AGENT_TOKEN, hypervisorId)}` },
          body: JSON.stringify(sampleState({ hypervisorId, revision: ++revision, force: true })),
        });
      },
    });
  });
  afterAll(async () => {
    await stopAllAgents();
    await api.close();
  });

  const applied = (agent: AgentProcess, atLeast = 1) =>
    eventually(async () => ((await agent.state()).appliedRevision >= atLeast ? agent.state() : undefined), { what: `${agent.id} to apply its state` });

  it('registers, receives its full state, and stops cleanly on SIGTERM', async () => {
    const agent = await spawnAgent({ id: 'hv-p1', apiUrl: api.url, apiKey: OPERATOR_KEY });
    const state = await applied(agent);
    expect(state).toMatchObject({ hypervisorId: 'hv-p1', driver: 'memory', pushes: 1, ports: sampleState().ports });
    expect(api.agents.get('hv-p1')).toBe(agent.url);
    expect(api.calls.filter((c) => c.path.startsWith('/v1/hypervisors/hv-p1')).map((c) => `${c.method} ${c.authorization}`)).toEqual([
      `PUT Bearer ${agent.credential}`,
      `POST Bearer ${agent.credential}`,
    ]);
    expect(await agent.kill()).toEqual({ code: 0, signal: null });
  });

  it('comes back empty after a restart, on the same URL, and asks for its state again', async () => {
    const agent = await spawnAgent({ id: 'hv-p2', apiUrl: api.url, apiKey: OPERATOR_KEY });
    const before = await applied(agent);
    const { url, pid } = agent;
    await agent.restart();
    expect(agent.url).toBe(url);
    expect(agent.pid).not.toBe(pid);
    const after = await applied(agent, before.appliedRevision + 1);
    expect(after.pushes).toBe(1);
    expect(api.calls.filter((c) => c.path === '/v1/hypervisors/hv-p2/resync')).toHaveLength(2);
  });

  it('runs several agents side by side, each refusing the others\' states and the others\' credentials', async () => {
    const agents = await spawnAgents(3, { idPrefix: 'hv-many', apiUrl: api.url, apiKey: OPERATOR_KEY, register: false });
    expect(new Set(agents.map((a) => a.url)).size).toBe(3);
    const push = (a: AgentProcess, credential: string) =>
      fetch(`${a.url}/v1/state`, { method: 'PUT', headers: { authorization: `Bearer ${credential}` }, body: JSON.stringify(sampleState({ hypervisorId: 'hv-many-1', revision: 9 })) });
    const answers = await Promise.all(agents.map((a) => push(a, a.credential)));
    expect(answers.map((r) => r.status)).toEqual([200, 409, 409]);
    // hv-many-1's credential opens no other agent.
    expect((await Promise.all(agents.slice(1).map((a) => push(a, agents[0].credential)))).map((r) => r.status)).toEqual([401, 401]);
    expect((await agents[1].health()).startup).toBe('disabled');
  });

  it.each([
    [{ driver: 'nftables' as const, env: { AGENT_NETNS: 'sg-no-such-namespace' } }, /Configuration error: AGENT_NETNS: cannot enter network namespace "sg-no-such-namespace"/],
    [{ env: { AGENT_PORT: 'seven' } }, /Configuration error: AGENT_PORT: /],
  ])('stops at once with a message naming the bad setting (%j)', async (options, message) => {
    await expect(spawnAgent({ id: 'hv-bad', apiUrl: api.url, apiKey: OPERATOR_KEY, ...options })).rejects.toThrow(message);
  });
});
