import { ChildProcess, spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { transformFile } from '@swc/core';
import type { AgentSnapshot } from '../../apps/agent/src/state/state-keeper';

/**
 * Hypervisor agents as separate processes over real HTTP, for e2e tests that need several
 * (propagation, reconciliation after a restart, load).
 *
 * Which code runs: by default the agent's current source, transpiled with swc (no type check) into
 * a temporary folder once per test file. Not `dist/`: that folder is shared, may be stale, and any
 * `npm run build` wipes it mid-run. To test the built artifact instead (CI after `npm run build`),
 * set AGENT_ENTRY, e.g. `AGENT_ENTRY=dist/apps/agent/src/main.js npm run test:e2e`.
 */

const ROOT = resolve(__dirname, '../..');
const MAIN = join(ROOT, 'apps/agent/src/main.ts');
const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const KEPT_OUTPUT = 64 * 1024;
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
  /** `GET /v1/state`. */
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

// The safety net for a test that forgot stopAllAgents(): no agent outlives the test process.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts one agent process and resolves once it listens. Rejects with its output when it does not start. */
export async function spawnAgent(options: SpawnAgentOptions): Promise<AgentProcess> {
  const entry = await agentEntry();
  let current = await launch(entry, options, options.port ?? 0);
  const port = new URL(current.url).port;
  const agent: AgentProcess = {
    id: options.id,
    get url() {
      return current.url;
    },
    get pid() {
      return current.child.pid!;
    },
    state: () => getJson<AgentSnapshot>(`${current.url}/v1/state`),
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
export function spawnAgents(count: number, options: Omit<SpawnAgentOptions, 'id' | 'port'> & { idPrefix?: string }): Promise<AgentProcess[]> {
  const prefix = options.idPrefix ?? 'hv';
  return Promise.all(Array.from({ length: count }, (_, i) => spawnAgent({ ...options, id: `${prefix}-${i + 1}` })));
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
    NODE_PATH: join(ROOT, 'node_modules'),
    ...options.env,
  });
  const child = spawn(process.execPath, ['--enable-source-maps', entry], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
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
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolvePromise) => {
    const force = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', (code, sig) => {
      clearTimeout(force);
      resolvePromise({ code, signal: sig });
    });
    child.kill(signal);
  });
}

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
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
  return (compiled ??= transpileAgent());
}

/** Follows the imports from main.ts, so only what the agent loads is transpiled (not the API, not a half-edited worker). */
async function transpileAgent(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'sg-agent-'));
  process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
  const pending = [MAIN];
  const seen = new Set<string>();
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { code } = await transformFile(file, {
      swcrc: false,
      sourceMaps: 'inline',
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022', baseUrl: ROOT, paths: TS_PATHS },
      module: { type: 'commonjs' },
    });
    const target = join(outDir, relative(ROOT, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
    for (const [, spec] of code.matchAll(/require\("(\.{1,2}\/[^"]*)"\)/g)) pending.push(sourceOf(dirname(file), spec));
  }
  return join(outDir, relative(ROOT, MAIN)).replace(/\.ts$/, '.js');
}

// tsconfig.json's paths, as swc rewrites them to relative requires.
const TS_PATHS = {
  '@sg/domain': ['libs/domain/src'],
  '@sg/domain/*': ['libs/domain/src/*'],
  '@sg/infra': ['libs/infra/src'],
  '@sg/infra/*': ['libs/infra/src/*'],
};

function sourceOf(fromDir: string, spec: string): string {
  const base = resolve(fromDir, spec.replace(/\.js$/, ''));
  const found = [`${base}.ts`, join(base, 'index.ts')].find(existsSync);
  if (!found) throw new Error(`cannot find the source of ${spec} imported from ${fromDir}`);
  return found;
}
