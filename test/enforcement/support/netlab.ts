import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { loadAgentConfig } from '../../../apps/agent/src/config/agent-config';
import type { AgentLogger } from '../../../apps/agent/src/logger';
import { createTopology, destroyTopology, GATEWAY4, killNamespaceProcesses, labTopology, namespaces, Topology, VmSpec } from '../../../apps/agent/src/lab/topology';
import { RunningAgent, startAgent } from '../../../apps/agent/src/start-agent';
import type { AgentSnapshot } from '../../../apps/agent/src/state/state-keeper';
import { DesiredState, StateGroup, StatePort, StateRemoteGroup, StateRule } from '@sg/protocol';
import { ROOT, transpile } from '../../support/transpile';

/**
 * A routed hypervisor with three VMs in network namespaces of this test file's own (unique names,
 * so parallel files and runs never meet), a helper process in each VM to make and count traffic,
 * and agents with the nftables driver programming the hypervisor namespace.
 */

const run = promisify(execFile);
const PREFIX = 'sgt';

export interface NetLab {
  topology: Topology;
  vms: Vm[];
  /** An nftables agent in this process for the hypervisor namespace, with a table of this run's own. */
  startAgent(env?: Record<string, string>): Promise<LabAgent>;
  /** The nft table name the agents use. */
  table: string;
  /** A helper in the hypervisor namespace itself: the platform services a VM talks to (DHCP, metadata). */
  hypervisorHelper(): Promise<Vm>;
  /** Plugs in one more VM (vm4, …), as a hypervisor does when an instance starts. */
  addVm(): Promise<Vm>;
  /** Runs a command inside the hypervisor namespace. */
  inHypervisor(...argv: string[]): Promise<string>;
  destroy(): Promise<void>;
}

export interface LabAgent {
  agent: RunningAgent;
  logs: string[];
  /** PUT /v1/state with the agent's credential, as the worker sends it: the status and the body. */
  push(state: DesiredState): Promise<{ status: number; body: any }>;
  state(): Promise<AgentSnapshot & { enforcement: any }>;
  close(): Promise<void>;
}

export interface Vm extends VmSpec {
  /** `connected`, `refused`, `timeout` or an error code. */
  connect(host: string, port: number, options?: { timeoutMs?: number; localAddress?: string }): Promise<string>;
  /** `answered`, `refused` (an ICMP port unreachable came back), `timeout` or an error code. */
  udp(host: string, port: number, options?: { timeoutMs?: number; localAddress?: string; localPort?: number }): Promise<string>;
  ping(host: string, timeoutS?: number): Promise<boolean>;
  listen(protocol: 'tcp' | 'udp', ...ports: number[]): Promise<void>;
  stream(protocol: 'tcp' | 'udp', host: string, port: number, options?: { bytes?: number; everyMs?: number }): Promise<Stream>;
  exec(...argv: string[]): Promise<string>;
}

export interface StreamStats {
  sent: number;
  received: number;
  error: string | null;
  closed: boolean;
}

export interface Stream {
  stats(): Promise<StreamStats>;
  /** Stops sending, waits for the echoes in flight (up to drainMs), closes. */
  stop(drainMs?: number): Promise<StreamStats>;
}

let helperEntry: Promise<string> | undefined;

export async function startNetLab(): Promise<NetLab> {
  if (process.getuid?.() !== 0) throw new Error('the enforcement tests create network namespaces and nftables tables: run them as root');
  await sweepOrphans();
  const id = randomBytes(3).toString('hex');
  const prefix = `${PREFIX}${process.pid}-${id}`;
  const topology = labTopology(prefix);
  const table = `sg_test_${id}`;
  const helpers: ChildProcess[] = [];
  const agents = new Set<LabAgent>();
  try {
    await createTopology(topology);
    const entry = await (helperEntry ??= transpile({ entry: join(ROOT, 'test/enforcement/support/vm-helper.ts'), cachePrefix: 'sg-vm-helper-' }));
    const vms = await Promise.all(topology.vms.map((spec) => startVm(spec, entry, helpers)));
    const lab: NetLab = {
      topology,
      vms,
      table,
      async startAgent(env = {}) {
        const labAgent = await startLabAgent(topology.hypervisor, table, env);
        agents.add(labAgent);
        const close = labAgent.close;
        labAgent.close = async () => {
          agents.delete(labAgent);
          await close();
        };
        return labAgent;
      },
      hypervisorHelper: () => startVm({ namespace: topology.hypervisor, tap: 'lo', ipv4: GATEWAY4, ipv6: '' }, entry, helpers),
      async addVm() {
        const grown = labTopology(prefix, topology.vms.length + 1);
        const spec = grown.vms[grown.vms.length - 1];
        topology.vms.push(spec);
        await createTopology(topology);
        const vm = await startVm(spec, entry, helpers);
        vms.push(vm);
        return vm;
      },
      inHypervisor: async (...argv) => (await run('ip', ['netns', 'exec', topology.hypervisor, ...argv])).stdout,
      async destroy() {
        for (const agent of [...agents]) await agent.close();
        for (const helper of helpers) helper.stdin?.end();
        await destroyTopology(topology);
      },
    };
    return lab;
  } catch (error) {
    for (const helper of helpers) helper.kill('SIGKILL');
    await destroyTopology(topology);
    throw error;
  }
}

/** Namespaces a test process that died left behind (their name carries its pid). */
async function sweepOrphans(): Promise<void> {
  const pattern = new RegExp(`^${PREFIX}(\\d+)-[0-9a-f]{6}-(hv|vm\\d+)$`);
  const orphans = (await namespaces()).filter((name) => {
    const match = pattern.exec(name);
    return match !== null && !isAlive(Number(match[1]));
  });
  for (const name of orphans) {
    await killNamespaceProcesses(name).catch(() => undefined);
    await run('ip', ['netns', 'delete', name]).catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function startLabAgent(netns: string, table: string, env: Record<string, string>): Promise<LabAgent> {
  const logs: string[] = [];
  const logger: AgentLogger = { info: (m) => logs.push(`info ${m}`), warn: (m) => logs.push(`warn ${m}`) };
  const config = loadAgentConfig({
    AGENT_ID: 'lab-hv',
    AGENT_PORT: '0',
    AGENT_REGISTER: 'false',
    AGENT_DRIVER: 'nftables',
    AGENT_NETNS: netns,
    AGENT_NFT_TABLE: table,
    AGENT_DRIFT_INTERVAL_MS: '0',
    ...env,
  });
  const agent = await startAgent(config, { logger });
  return {
    agent,
    logs,
    async push(state) {
      const res = await fetch(`${agent.url}/v1/state`, { method: 'PUT', headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' }, body: JSON.stringify(state) });
      return { status: res.status, body: await res.json() };
    },
    state: async () => (await (await fetch(`${agent.url}/v1/state`, { headers: { authorization: `Bearer ${config.token}` } })).json()) as AgentSnapshot & { enforcement: any },
    close: () => agent.close(),
  };
}

async function startVm(spec: VmSpec, entry: string, helpers: ChildProcess[]): Promise<Vm> {
  const child = spawn('ip', ['netns', 'exec', spec.namespace, process.execPath, entry], { stdio: ['pipe', 'pipe', 'inherit'] });
  helpers.push(child);
  const pending = new Map<number, (body: any) => void>();
  let nextId = 1;
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the helper in ${spec.namespace} exited (${code})`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line);
      if (message.ready) return resolve();
      pending.get(message.id)?.(message);
      pending.delete(message.id);
    });
  });
  await ready;
  const call = (op: string, args: Record<string, unknown>): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, (message) => (message.ok ? resolve(message) : reject(new Error(`${op} in ${spec.namespace}: ${message.error}`))));
      child.stdin!.write(`${JSON.stringify({ id, op, ...args })}\n`);
    });
  const exec = async (...argv: string[]) => (await run('ip', ['netns', 'exec', spec.namespace, ...argv])).stdout;
  return {
    ...spec,
    connect: async (host, port, { timeoutMs = 1_500, localAddress } = {}) => (await call('connect', { host, port, timeoutMs, localAddress })).result,
    udp: async (host, port, { timeoutMs = 1_500, localAddress, localPort } = {}) => (await call('udp', { host, port, timeoutMs, localAddress, localPort })).result,
    async ping(host, timeoutS = 1) {
      const argv = ['ping', '-c', '1', '-W', String(timeoutS), host];
      return exec(...argv).then(
        () => true,
        () => false,
      );
    },
    async listen(protocol, ...ports) {
      for (const port of ports) await call('listen', { protocol, port });
    },
    async stream(protocol, host, port, { bytes = 512, everyMs = 10 } = {}) {
      const started = await call('stream', { protocol, host, port, bytes, everyMs, timeoutMs: 3_000 });
      if (started.error) throw new Error(`stream to ${host}:${port} did not start: ${started.error}`);
      return {
        stats: () => call('stats', { stream: started.stream }),
        stop: (drainMs = 3_000) => call('stop', { stream: started.stream, drainMs }),
      };
    },
    exec,
  };
}

// Desired states, built the way the worker builds them.

let ruleCounter = 0;

export function rule(fields: Partial<StateRule> & Pick<StateRule, 'direction'>): StateRule {
  const protocol = fields.protocol ?? 'tcp';
  const ipVersion = fields.ipVersion ?? (protocol === 'icmpv6' ? 'IPv6' : 'IPv4');
  return {
    id: fields.id ?? `sgr-${++ruleCounter}`,
    direction: fields.direction,
    protocol,
    portRange: fields.portRange ?? null,
    icmp: fields.icmp ?? null,
    ipVersion,
    remoteCidrs: fields.remoteCidrs ?? [ipVersion === 'IPv6' ? '::/0' : '0.0.0.0/0'],
    remoteGroupId: fields.remoteGroupId ?? null,
  };
}

export const tcp = (port: number | [number, number], remoteCidrs?: string[], extra: Partial<StateRule> = {}): StateRule =>
  rule({ direction: 'inbound', protocol: 'tcp', portRange: typeof port === 'number' ? { from: port, to: port } : { from: port[0], to: port[1] }, remoteCidrs, ...extra });

export const group = (groupId: string, rules: StateRule[]): StateGroup => ({ groupId, name: groupId, rules });

/** Everything out, as the VPC's default group allows. */
export const ALLOW_OUT = group('sg-default', [
  rule({ id: 'out4', direction: 'outbound', protocol: 'all', remoteCidrs: ['0.0.0.0/0'] }),
  rule({ id: 'out6', direction: 'outbound', protocol: 'all', ipVersion: 'IPv6', remoteCidrs: ['::/0'] }),
]);

export function port(vm: VmSpec, groups: StateGroup[], instanceId = `i-${vm.tap}`): StatePort {
  return { instanceId, vpcId: 'vpc-lab', ipv4: vm.ipv4, ipv6: vm.ipv6, groups };
}

export function desired(revision: number, ports: StatePort[], force = false, remoteGroups?: StateRemoteGroup[]): DesiredState {
  return { hypervisorId: 'lab-hv', revision, force, ports, ...(remoteGroups && { remoteGroups }) };
}

/** Polls until `check` holds, or fails after `timeoutMs` naming `what`. */
export async function until(what: string, check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
