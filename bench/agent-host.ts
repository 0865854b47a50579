import { loadAgentConfig } from '../apps/agent/src/config/agent-config';
import { MemoryDriver } from '../apps/agent/src/drivers/memory.driver';
import type { AgentLogger } from '../apps/agent/src/logger';
import { RunningAgent, startAgent } from '../apps/agent/src/start-agent';
import type { AgentSnapshot } from '../apps/agent/src/state/state-keeper';
import type { DesiredState } from '../apps/agent/src/state/desired-state';

/**
 * A process hosting many hypervisor agents (memory driver, real HTTP, each on a port of its own):
 * `node agent-host.js <apiUrl> <apiKey> <firstIndex> <count>`. Each agent registers itself with
 * the API like any agent. The bench asks it, over the IPC channel, how many pushes each agent
 * received and when each first held a watched state (a group with at least N rules).
 */

interface Watch {
  groupId: string;
  rules: number;
}

class WatchedDriver extends MemoryDriver {
  watch: Watch | null = null;
  reachedAt: number | null = null;

  override async apply(state: DesiredState) {
    const report = await super.apply(state);
    const w = this.watch;
    if (w && this.reachedAt === null && state.ports.some((p) => p.groups.some((g) => g.groupId === w.groupId && g.rules.length >= w.rules))) {
      this.reachedAt = Date.now();
    }
    return report;
  }
}

const quiet: AgentLogger = { info: () => undefined, warn: (m) => void process.stderr.write(`${m}\n`) };

async function main(): Promise<void> {
  const [apiUrl, apiKey, first, count] = process.argv.slice(2);
  const agents: { agent: RunningAgent; driver: WatchedDriver; token: string }[] = [];
  for (let i = Number(first); i < Number(first) + Number(count); i++) {
    const config = loadAgentConfig({ AGENT_ID: `hv-${i}`, AGENT_PORT: '0', API_URL: apiUrl, AGENT_API_KEY: apiKey, AGENT_DRIVER: 'memory', LOG_LEVEL: 'warn' });
    const driver = new WatchedDriver();
    agents.push({ agent: await startAgent(config, { driver, logger: quiet }), driver, token: config.token });
  }
  process.on('message', (message: { id: number; type: string; groupId?: string; rules?: number }) => {
    void (async () => {
      try {
        let result: unknown;
        if (message.type === 'watch') {
          for (const { driver } of agents) {
            driver.watch = { groupId: message.groupId!, rules: message.rules! };
            driver.reachedAt = null;
          }
          result = true;
        } else if (message.type === 'reached') {
          result = Object.fromEntries(agents.map(({ agent, driver }) => [agent.hypervisorId, driver.reachedAt]));
        } else if (message.type === 'pushes') {
          // Every PUT /v1/state the agent answered, as its own GET /v1/state counts them (a read
          // that needs the agent's credential).
          const snapshots = await Promise.all(
            agents.map(async ({ agent, token }) => {
              const reply = await fetch(`${agent.url}/v1/state`, { headers: { authorization: `Bearer ${token}` } });
              if (!reply.ok) throw new Error(`GET ${agent.url}/v1/state answered ${reply.status}: ${await reply.text()}`);
              return (await reply.json()) as AgentSnapshot;
            }),
          );
          result = Object.fromEntries(snapshots.map((s) => [s.hypervisorId, s.pushes]));
        } else if (message.type === 'startup') {
          // Each agent's start-up status as its GET /health reports it (registering, requesting-resync, done).
          const health = await Promise.all(agents.map(async ({ agent }) => ((await (await fetch(`${agent.url}/health`)).json()) as { startup: string }).startup));
          result = health.reduce<Record<string, number>>((counts, status) => ({ ...counts, [status]: (counts[status] ?? 0) + 1 }), {});
        } else if (message.type === 'started') {
          result = (await Promise.all(agents.map(({ agent }) => agent.startup))).filter((s) => s === 'done').length;
        } else throw new Error(`unknown request ${message.type}`);
        process.send!({ id: message.id, result });
      } catch (error) {
        process.send!({ id: message.id, error: error instanceof Error ? error.message : String(error) });
      }
    })();
  });
  const stop = () => void Promise.all(agents.map(({ agent }) => agent.close())).finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  console.log(`agents ready: ${agents.length}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
