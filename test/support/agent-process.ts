import { ChildProcess, spawn } from 'node:child_process';
import { stopChild } from './child-process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AgentSnapshot } from '../../apps/agent/src/state/state-keeper';
import { ROOT, ROOT_NODE_MODULES, transpile } from './transpile';
import { agentCredential, isAgentCredential } from '../../libs/protocol/src/agent-credential';
import { DEV_AGENT_TOKEN } from '../../libs/protocol/src/agent-token';

/**
 * Hypervisor agents as separate processes over real HTTP, for e2e tests that need several
 * (propagation, reconciliation after a restart, load).
 *
 * Which code runs: by default the agent's current source, transpiled with swc (no type check) into
 * a temporary folder (transpile.ts). Not `dist/`: that folder is shared, may be stale, and any
 * `npm run build` wipes it mid-run. To test the built artifact instead (CI after `npm run build`),
 * set AGENT_ENTRY, e.g. `AGENT_ENTRY=dist/apps/agent/src/main.js npm run test:e2e`.
 */

const MAIN = join(ROOT, 'apps/agent/src/main.ts');
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
// Enough for a whole test run's JSON logs: the observability tests read them back.
const KEPT_OUTPUT = 4 * 1024 * 1024;
// The agent's start-up line; a URL followed by its driver, so a port cut in two chunks is never read half.
const LISTENING = /listening on (http:\/\/\S+) \(/;

export interface SpawnAgentOptions {
  id: string;
  /** Default 0: the agent picks a free port (and keeps it across restart()). */
  port?: number;
  apiUrl: string;
  apiKey: string;
  driver?: 'memory' | 'nftables';
  /** Default true: register with the API and ask it for the full state at start-up. */
  register?: boolean;
  /** Further AGENT_* settings (AGENT_URL, AGENT_HOST); they win over the ones above. */
  env?: Record<string, string>;
  /** The main.js to run instead of agentEntry() (a build of the test's own). */
  entry?: string;
  /** Node options before the entry, e.g. `--require` of a preload script. */
  nodeOptions?: string[];
}

export interface AgentHealth {
  status: 'ok';
  hypervisorId: string;
  appliedRevision: number;
  startup: 'disabled' | 'registering' | 'requesting-resync' | 'done' | 'stopped';
}

export interface AgentExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface AgentProcess {
  readonly id: string;
  /** Where it listens; the same after restart(). */
  readonly url: string;
  /** Changes with restart(). */
  readonly pid: number;
  /** Its own credential (what the worker shows it, and what reads of its state need). */
  readonly credential: string;
  /** `GET /v1/state`, with its credential. */
  state(): Promise<AgentSnapshot>;
  /** `GET /health`. */
  health(): Promise<AgentHealth>;
  /** Stops it (SIGTERM: graceful) and resolves with how it ended; SIGKILL after 10 s. */
  kill(signal?: NodeJS.Signals): Promise<AgentExit>;
  /** Kill (SIGTERM) and start again on the same port: applied revision 0, registers and asks for a resync again. */
  restart(): Promise<void>;
  /** What it printed, for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();

/**
 * The safety net for a test process that dies or forgets stopAllAgents(): each agent checks every
 * half second whether its parent changed (it was orphaned) and then stops itself as on SIGTERM.
 * Preloaded into the agent, because exit hooks registered inside a Jest sandbox never run.
 */
const ORPHAN_GUARD = `data:text/javascript,${encodeURIComponent(
  "const parent = process.ppid; setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM'); }, 500).unref();",
)}`;

/** Starts one agent process and resolves once it listens. Rejects with its output when it does not start. */
export async function spawnAgent(options: SpawnAgentOptions): Promise<AgentProcess> {
  const entry = options.entry ?? (await agentEntry());
  let current = await launch(entry, options, options.port ?? 0);
  const port = new URL(current.url).port;
  const given = options.env?.AGENT_TOKEN ?? DEV_AGENT_TOKEN;
  const credential = isAgentCredential(given) ? given : agentCredential(given, options.id);
  const agent: AgentProcess = {
    id: options.id,
    credential,
    get url() {
      return current.url;
    },
    get pid() {
      return current.child.pid!;
    },
    state: () => getJson<AgentSnapshot>(`${current.url}/v1/state`, credential),
    health: () => getJson<AgentHealth>(`${current.url}/health`),
    kill: (signal = 'SIGTERM') => stop(current.child, signal),
    async restart() {
      await stop(current.child, 'SIGTERM');
      current = await launch(entry, options, Number(port));
    },
    output: () => current.output(),
  };
  return agent;
}

/** `count` agents `${prefix}-1` … `${prefix}-count`, started in parallel. */
export function spawnAgents(count: number, { idPrefix = 'hv', ...options }: Omit<SpawnAgentOptions, 'id' | 'port'> & { idPrefix?: string }): Promise<AgentProcess[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => spawnAgent({ ...options, id: `${idPrefix}-${i + 1}` })));
}

/** For afterAll: stops every agent this test file started. */
export async function stopAllAgents(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child, 'SIGTERM')));
}

interface Launched {
  child: ChildProcess;
  url: string;
  output(): string;
}

function launch(entry: string, options: SpawnAgentOptions, port: number): Promise<Launched> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Settings of the shell that runs the tests must not leak into the agents.
  for (const key of Object.keys(env)) if (key.startsWith('AGENT_') || key === 'API_URL') delete env[key];
  Object.assign(env, {
    AGENT_ID: options.id,
    AGENT_HOST: '127.0.0.1',
    AGENT_PORT: String(port),
    AGENT_DRIVER: options.driver ?? 'memory',
    API_URL: options.apiUrl,
    AGENT_API_KEY: options.apiKey,
    AGENT_REGISTER: String(options.register ?? true),
    // The transpiled copy lives outside the repository; its imports (ipaddr.js) resolve from here.
    NODE_PATH: ROOT_NODE_MODULES,
    ...options.env,
  });
  const child = spawn(process.execPath, ['--enable-source-maps', '--import', ORPHAN_GUARD, ...(options.nodeOptions ?? []), entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  return new Promise<Launched>((resolvePromise, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      child.stdout!.off('data', watch);
      if (!error) return resolvePromise({ child, url: LISTENING.exec(output)![1], output: () => output });
      child.kill('SIGKILL');
      reject(error);
    };
    const failure = (why: string) => new Error(`agent ${options.id} ${why}. Its output:\n${output}`);
    const exitedEarly = (code: number | null, signal: string | null) => settle(failure(`exited before listening (code ${code}, signal ${signal})`));
    // The agent logs this line once its server listens; with port 0 it is how the real port is learnt.
    const watch = () => {
      if (LISTENING.test(output)) settle();
    };
    const timer = setTimeout(() => settle(failure(`did not listen within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    child.once('exit', exitedEarly);
    child.stdout!.on('data', watch);
  });
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<AgentExit> {
  return stopChild(child, signal, STOP_TIMEOUT_MS);
}

async function getJson<T>(url: string, credential?: string): Promise<T> {
  const res = await fetch(url, credential ? { headers: { authorization: `Bearer ${credential}` } } : {});
  const text = await res.text();
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}

let compiled: Promise<string> | undefined;

/** The agent's main.js this test file runs: AGENT_ENTRY when set, else the source transpiled once. */
export function agentEntry(): Promise<string> {
  const given = process.env.AGENT_ENTRY;
  if (given) {
    const entry = resolve(ROOT, given);
    if (!existsSync(entry)) return Promise.reject(new Error(`AGENT_ENTRY names ${entry}, which does not exist (run npm run build first)`));
    return Promise.resolve(entry);
  }
  return (compiled ??= transpile({ entry: MAIN, cachePrefix: 'sg-agent-' }));
}
