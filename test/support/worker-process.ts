import { ChildProcess, spawn } from 'node:child_process';
import { stopChild } from './child-process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ROOT, ROOT_NODE_MODULES, transpile } from './transpile';

/**
 * The propagation worker as a separate process, for e2e tests that kill it the way an
 * orchestrator or the kernel would (SIGKILL mid-sync), which an in-process worker cannot show.
 *
 * Which code runs: the worker's current source transpiled with swc (transpile.ts), or WORKER_ENTRY
 * when set, e.g. `WORKER_ENTRY=dist/apps/worker/src/main.js npm run test:e2e` after a build.
 */

const APPS = {
  // The start-up line ends with the URL of the worker's health and metrics listener.
  worker: { main: join(ROOT, 'apps/worker/src/main.ts'), ready: /worker running.*? on (http:\/\/[^\s"]+)/, entryEnv: 'WORKER_ENTRY' },
  api: { main: join(ROOT, 'apps/api/src/main.ts'), ready: /API listening on (http:\/\/\S+)/, entryEnv: 'API_ENTRY' },
} as const;
type AppName = keyof typeof APPS;
// Generous: a Nest app's start-up takes a few seconds alone, far longer on a shared, loaded 2-core machine.
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
// Enough for a whole test run's JSON logs: the observability tests read them back.
const KEPT_OUTPUT = 4 * 1024 * 1024;

export interface WorkerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  readonly pid: number;
  /** Where it listens (from its start-up line): the API, or the worker's health and metrics listener. */
  readonly url: string | null;
  /** Sends `signal` (SIGTERM: graceful; SIGKILL: dies on the spot) and resolves once it has exited. */
  kill(signal?: NodeJS.Signals): Promise<WorkerExit>;
  /** What it printed, for failure messages. */
  output(): string;
}

const running = new Set<ChildProcess>();

/**
 * The safety net for a test process that dies or forgets stopAllWorkers(): the worker checks every
 * half second whether its parent changed (it was orphaned), then shuts down as on SIGTERM, and
 * exits anyway 10 s later. Preloaded, because exit hooks registered inside a Jest sandbox never run.
 */
const ORPHAN_GUARD = `data:text/javascript,${encodeURIComponent(
  "const parent = process.ppid; setInterval(() => { if (process.ppid !== parent) { process.kill(process.pid, 'SIGTERM'); setTimeout(() => process.exit(1), 10000).unref(); } }, 500).unref();",
)}`;

/**
 * Starts the worker with exactly `env` (a system's `sys.env`: database, queue prefix, Redis,
 * propagation settings), like the in-process worker of startSystem, which reads nothing else:
 * settings of the shell running the tests (a REDIS_URL, a DATABASE_URL) must not leak in.
 * Resolves once it logs that it runs; rejects with its output when it does not get there.
 */
export function spawnWorker(env: Record<string, string>): Promise<WorkerProcess> {
  // Several workers run at once in the tests: each listens on a free port unless told otherwise.
  return spawnApp('worker', { WORKER_PORT: '0', ...env });
}

/**
 * The API as a separate process (PORT 0 unless `env` says otherwise), for tests whose figures
 * would be distorted by sharing the test's own event loop, as a deployed API never does.
 */
export function spawnApi(env: Record<string, string>): Promise<WorkerProcess> {
  // Load tests send bursts with one key: the rate limit is set out of their way.
  return spawnApp('api', { PORT: '0', HOST: '127.0.0.1', RATE_LIMIT_PER_SECOND: '100000', RATE_LIMIT_BURST: '100000', RATE_LIMIT_CONCURRENT: '0', TOKEN_REQUESTS_PER_MINUTE: '100000', ...env });
}

async function spawnApp(app: AppName, env: Record<string, string>): Promise<WorkerProcess> {
  const entry = await appEntry(app);
  const child = spawn(process.execPath, ['--enable-source-maps', '--import', ORPHAN_GUARD, entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_PATH: ROOT_NODE_MODULES, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let url: string | null = null;
  const worker: WorkerProcess = {
    pid: child.pid!,
    get url() {
      return url;
    },
    kill: (signal = 'SIGTERM') => stop(child, signal),
    output: () => output,
  };
  await new Promise<void>((resolvePromise, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(timer);
      child.off('exit', exitedEarly);
      child.stdout!.off('data', watch);
      if (!error) return resolvePromise();
      child.kill('SIGKILL');
      reject(error);
    };
    const failure = (why: string) => new Error(`${app} ${why}. Its output:\n${output}`);
    const exitedEarly = (code: number | null, signal: string | null) => settle(failure(`exited before running (code ${code}, signal ${signal})`));
    const watch = () => {
      const ready = APPS[app].ready.exec(output);
      if (!ready) return;
      url = ready[1] ?? null;
      settle();
    };
    const timer = setTimeout(() => settle(failure(`did not start within ${READY_TIMEOUT_MS} ms`)), READY_TIMEOUT_MS);
    child.once('exit', exitedEarly);
    child.stdout!.on('data', watch);
    watch();
  });
  return worker;
}

/** For afterAll: stops (SIGTERM) every worker this test file started and has not killed. */
export async function stopAllWorkers(): Promise<void> {
  await Promise.all([...running].map((child) => stop(child, 'SIGTERM')));
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<WorkerExit> {
  return stopChild(child, signal, STOP_TIMEOUT_MS);
}

const compiled = new Map<AppName, Promise<string>>();

function appEntry(app: AppName): Promise<string> {
  const given = process.env[APPS[app].entryEnv];
  if (given) {
    const entry = resolve(ROOT, given);
    if (!existsSync(entry)) return Promise.reject(new Error(`${APPS[app].entryEnv} names ${entry}, which does not exist (run npm run build first)`));
    return Promise.resolve(entry);
  }
  if (!compiled.has(app)) compiled.set(app, transpile({ entry: APPS[app].main, cachePrefix: `sg-${app}-`, decorators: true }));
  return compiled.get(app)!;
}
