import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

/**
 * A private `redis-server` for one test file, for tests that take Redis away (an outage, a restart
 * that lost everything). Never the machine's shared Redis on 6379: other test files use it at the
 * same time. No persistence: every start() after a stop() is an empty Redis, as after losing a node.
 */

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 10_000;
const KEPT_OUTPUT = 32 * 1024;
const READY = /Ready to accept connections/;

export interface RedisServer {
  readonly port: number;
  /** `redis://127.0.0.1:<port>`, the same across stop() and start(). */
  readonly url: string;
  /** Whether the server process is up. */
  readonly running: boolean;
  /** Starts it again on the same port, empty; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it (SIGTERM; SIGKILL for a crash) and resolves once it has exited; connections drop. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** FLUSHALL: deletes every key of every database. */
  flushAll(): Promise<void>;
  /** What it printed, for failure messages. */
  output(): string;
}

const servers = new Set<RedisServer>();

/** Starts a private Redis on a free 127.0.0.1 port. Call stop() (or stopAllRedisServers) in afterAll. */
export async function startRedisServer(): Promise<RedisServer> {
  let child: ChildProcess | null = null;
  let output = '';
  let port = await freePort();
  const launch = async (): Promise<void> => {
    output = '';
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
    // A Redis outliving a test process that died would hold its port forever: the kernel kills it
    // with its parent (PR_SET_PDEATHSIG) where util-linux's setpriv is there to ask for that.
    const [command, argv] = existsSync('/usr/bin/setpriv') ? ['/usr/bin/setpriv', ['--pdeathsig', 'SIGKILL', 'redis-server', ...args]] : ['redis-server', args];
    const started = spawn(command, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-KEPT_OUTPUT);
    };
    started.stdout!.on('data', keep);
    started.stderr!.on('data', keep);
    await new Promise<void>((resolvePromise, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        started.off('exit', exitedEarly);
        started.off('error', exitedEarly);
        started.stdout!.off('data', watch);
        if (!error) return resolvePromise();
        started.kill('SIGKILL');
        reject(error);
      };
      const exitedEarly = (code: unknown) => settle(new Error(`redis-server on port ${port} exited before it was ready (${String(code)}). Its output:\n${output}`));
      const watch = () => {
        if (READY.test(output)) settle();
      };
      const timer = setTimeout(() => settle(new Error(`redis-server on port ${port} not ready within ${READY_TIMEOUT_MS} ms. Its output:\n${output}`)), READY_TIMEOUT_MS);
      started.once('exit', exitedEarly);
      started.once('error', exitedEarly);
      started.stdout!.on('data', watch);
    });
  };
  // The free port may be taken between freePort() and the bind: try another one.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3 || !/Address already in use/i.test(output)) throw error;
      port = await freePort();
    }
  }
  const server: RedisServer = {
    get port() {
      return port;
    },
    get url() {
      return `redis://127.0.0.1:${port}`;
    },
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (server.running) throw new Error(`redis-server on port ${port} is already running`);
      await launch();
    },
    async stop(signal = 'SIGTERM') {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      await new Promise<void>((resolvePromise) => {
        const force = setTimeout(() => current.kill('SIGKILL'), STOP_TIMEOUT_MS);
        current.once('exit', () => {
          clearTimeout(force);
          resolvePromise();
        });
        current.kill(signal);
      });
    },
    async flushAll() {
      const redis = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false });
      try {
        await redis.connect();
        await redis.flushall();
      } finally {
        redis.disconnect();
      }
    },
    output: () => output,
  };
  servers.add(server);
  return server;
}

/** For afterAll: stops every private Redis this test file started. */
export async function stopAllRedisServers(): Promise<void> {
  await Promise.all([...servers].map((s) => s.stop()));
  servers.clear();
}

/** A TCP port of 127.0.0.1 free at the moment of asking (the private servers of the tests bind it next). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolvePromise(port));
    });
  });
}
