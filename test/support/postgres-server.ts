import { ChildProcess, execFile, spawn, SpawnOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, escapeIdentifier } from 'pg';
import { runMigrations } from '../../libs/infra/src/database/data-source';
import { serviceUrl } from '../../libs/infra/src/database/privileges';
import { freePort } from './redis-server';

/**
 * A private Postgres server (its own cluster in a temporary folder, its own port, trust
 * authentication) for tests that restart Postgres under load. Never the machine's shared server:
 * other test files and other people's runs use it at the same time. Data survives stop() and
 * start() (it is the same cluster); destroy() stops it and deletes the folder.
 *
 * The binaries: PG_BIN when set, else the newest /usr/lib/postgresql/<version>/bin. Postgres
 * refuses to run as root: run as root (CI's containers), the cluster belongs to the `postgres` user.
 */

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const KEPT_OUTPUT = 64 * 1024;
const READY = /database system is ready to accept connections/;
const run = promisify(execFile);

export interface PostgresServer {
  readonly port: number;
  /** `postgres://postgres@127.0.0.1:<port>/<database>`: the owner's URL of `database`. */
  urlOf(database: string): string;
  readonly running: boolean;
  /** Starts it again on the same port, over the same data; resolves once it accepts connections. */
  start(): Promise<void>;
  /**
   * Stops it: `immediate` (SIGQUIT) ends every connection at once and recovers from the WAL at the
   * next start, as after a crash; `fast` (SIGINT) rolls back open transactions and checkpoints.
   */
  stop(mode?: 'immediate' | 'fast'): Promise<void>;
  /** Stops it and deletes its folder. */
  destroy(): Promise<void>;
  output(): string;
}

export interface MigratedDatabase {
  /** As the owner (migrations, the tests' own reads). */
  url: string;
  /** As the role the services connect as. */
  serviceUrl: string;
}

function binaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))).sort((a, b) => Number(b) - Number(a)) : [];
  if (versions.length === 0) throw new Error('no Postgres server binaries: set PG_BIN to the folder of initdb and postgres');
  return join(root, versions[0], 'bin');
}

/** The uid and gid the cluster runs as: ours, unless we are root (then the `postgres` user's). */
async function owner(): Promise<{ uid: number; gid: number } | null> {
  if (process.getuid?.() !== 0) return null;
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

/** initdb into a new temporary folder and start the server on a free port. Call destroy() in afterAll. */
export async function startPostgresServer(): Promise<PostgresServer> {
  const bin = binaries();
  const user = await owner();
  const dir = mkdtempSync(join(tmpdir(), 'sg-pg-'));
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const as: SpawnOptions = user ? { uid: user.uid, gid: user.gid } : {};
  await run(join(bin, 'initdb'), ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions'], { ...as, env: { ...process.env, LC_ALL: 'C' } } as object);
  let port = await freePort();
  let child: ChildProcess | null = null;
  let output = '';
  const launch = async (): Promise<void> => {
    output = '';
    const args = ['-D', data, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${dir}`, '-c', 'fsync=off', '-c', 'max_connections=200'];
    const started = spawn(join(bin, 'postgres'), args, { ...as, stdio: ['ignore', 'pipe', 'pipe'] });
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
        started.stderr!.off('data', watch);
        if (!error) return resolvePromise();
        started.kill('SIGKILL');
        reject(error);
      };
      const exitedEarly = (code: unknown) => settle(new Error(`postgres on port ${port} exited before it was ready (${String(code)}). Its output:\n${output}`));
      const watch = () => {
        if (READY.test(output)) settle();
      };
      const timer = setTimeout(() => settle(new Error(`postgres on port ${port} not ready within ${READY_TIMEOUT_MS} ms. Its output:\n${output}`)), READY_TIMEOUT_MS);
      started.once('exit', exitedEarly);
      started.stderr!.on('data', watch);
    });
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (attempt >= 3 || !/already in use|could not bind/i.test(output)) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
    }
  }
  const server: PostgresServer = {
    get port() {
      return port;
    },
    urlOf: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    get running() {
      return child !== null && child.exitCode === null && child.signalCode === null;
    },
    async start() {
      if (server.running) throw new Error(`postgres on port ${port} is already running`);
      await launch();
    },
    async stop(mode = 'immediate') {
      const current = child;
      if (!current || current.exitCode !== null || current.signalCode !== null) return;
      await new Promise<void>((resolvePromise) => {
        const force = setTimeout(() => current.kill('SIGKILL'), STOP_TIMEOUT_MS);
        current.once('exit', () => {
          clearTimeout(force);
          resolvePromise();
        });
        current.kill(mode === 'immediate' ? 'SIGQUIT' : 'SIGINT');
      });
    },
    async destroy() {
      await server.stop('fast');
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => output,
  };
  return server;
}

/** A new database on `server`, migrated as the services' deployments migrate it (as the owner, then the service role's grants). */
export async function createMigratedDatabase(server: PostgresServer, name = 'security_groups'): Promise<MigratedDatabase> {
  const admin = new Client({ connectionString: server.urlOf('postgres') });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
  } finally {
    await admin.end();
  }
  const url = server.urlOf(name);
  await runMigrations({ url });
  return { url, serviceUrl: serviceUrl(url) };
}
