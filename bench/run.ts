import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDataSource, ensureDatabase, loadDatabaseConfig, runMigrations, withDatabase } from '@sg/infra';
import { measureApi } from './api';
import { round } from './harness';
import { measureAppends } from './appends';
import { measurePropagation } from './propagation';
import { measureRebuild } from './rebuild';
import { measureRedis } from './redis';

/**
 * `npm run bench` (full) and `npm run bench -- --quick` (under 3 minutes): the event store, the
 * HTTP write path, propagation to 100 hypervisors and a projection rebuild, each figure beside a
 * ceiling measured in the same run on the same machine, printed as Markdown tables and written to
 * bench/results/latest.json (docs/benchmarks.md explains every figure).
 *
 * The system under test runs in processes of its own (the API and the worker from dist/, agents
 * in agent hosts, each append subject in its own process); this process only drives the load.
 * Uses its own database (security_groups_bench), recreated on every run.
 * `--only=appends,api,propagation,rebuild` runs a subset; `--smoke` (the CI test) a few appends;
 * `--out=DIR` and `--database=NAME` write and use elsewhere.
 */

export interface BenchOptions {
  quick: boolean;
  /** `--smoke` (the CI test): the append table only, a few operations, to show the harness runs and writes. */
  smoke: boolean;
  url: string;
  /** Each section's Markdown lines, for results/latest.md. */
  notes: string[];
  /** `--burst=N`: the burst's number of changes instead of the mode's (to find where it stops converging). */
  burst?: number;
  /** Records results measured so far in a section (written at once), so a later failure in it keeps them. */
  savePartial?: (results: Record<string, unknown>) => void;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const quick = smoke || args.includes('--quick');
  const only = smoke ? ['appends'] : args.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const outDir = args.find((a) => a.startsWith('--out='))?.slice('--out='.length) ?? join(__dirname, '..', '..', 'bench', 'results');
  const database = args.find((a) => a.startsWith('--database='))?.slice('--database='.length) ?? 'security_groups_bench';
  const want = (section: string) => !only || only.includes(section);
  const started = Date.now();

  const url = withDatabase(loadDatabaseConfig(process.env).url, database);
  await ensureDatabase(url);
  const ds = await createDataSource({ url }, { poolSize: 2 }).initialize();
  await ds.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  await ds.destroy();
  await runMigrations({ url });

  const machine = {
    cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    postgres: await serverVersion(url),
    commit: await gitCommit(),
  };
  const mode = smoke ? 'smoke' : quick ? 'quick' : 'full';
  console.log(`# Benchmark (${mode}), ${new Date().toISOString()}\n\nmachine: ${machine.cpus}, ${machine.memoryGb} GB, node ${machine.node}, Postgres ${machine.postgres}, commit ${machine.commit}`);

  const burstArg = args.find((a) => a.startsWith('--burst='))?.slice('--burst='.length);
  const options: BenchOptions = { quick, smoke, url, notes: [], ...(burstArg !== undefined && { burst: Number(burstArg) }) };
  const results: Record<string, unknown> = { mode, date: new Date().toISOString(), machine, loadAverage: loadavg().map((l) => round(l, 2)) };
  const ceilings: Record<string, unknown> = {};
  results.ceilings = ceilings;
  // Wall seconds per section (the quick run's budget is 3 minutes, build included): where the time goes.
  const sectionSeconds: Record<string, number> = { setup: round((Date.now() - started) / 1000, 1) };
  results.sectionSeconds = sectionSeconds;
  const timed = async <T>(section: string, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await run();
    } finally {
      sectionSeconds[section] = round((Date.now() - t0) / 1000, 1);
    }
  };

  // Written after every section, so a run that fails half-way still leaves what it measured.
  const save = () => {
    results.seconds = Math.round((Date.now() - started) / 1000);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(join(outDir, 'latest.md'), `# Benchmark (${mode}), ${results.date as string}\n\nmachine: ${machine.cpus}, ${machine.memoryGb} GB, node ${machine.node}, Postgres ${machine.postgres}, commit ${machine.commit}\n\n${options.notes.join('\n')}\n`);
  };
  options.savePartial = (partial) => {
    Object.assign(results, partial);
    save();
  };
  if (want('appends') || want('api')) {
    const redis = await timed('redis', () => measureRedis(options));
    ceilings.redisOpsPerSecond = redis.perSecond;
  }
  let rawInsert16 = 0;
  if (want('appends') || want('api')) {
    const appends = await timed('appends', () => measureAppends(options));
    Object.assign(results, appends.results);
    Object.assign(ceilings, appends.ceilings);
    rawInsert16 = appends.ceilings.rawInsertPerSecondC16;
    save();
  }
  if (want('api')) {
    const api = await timed('api', () => measureApi(options, rawInsert16));
    Object.assign(results, api.results);
    Object.assign(ceilings, api.ceilings);
    save();
  }
  if (want('propagation')) {
    Object.assign(results, await timed('propagation', () => measurePropagation(options)));
    save();
  }
  if (want('rebuild')) Object.assign(results, await timed('rebuild', () => measureRebuild(options)));
  results.loadAverageAtEnd = loadavg().map((l) => round(l, 2));
  save();
  console.log(`\nwrote ${join(outDir, 'latest.json')} in ${results.seconds as number} s (sections: ${Object.entries(sectionSeconds).map(([k, v]) => `${k} ${v} s`).join(', ')}; load average ${(results.loadAverage as number[]).join(' ')} at the start, ${(results.loadAverageAtEnd as number[]).join(' ')} at the end)`);
}

async function serverVersion(url: string): Promise<string> {
  const ds = await createDataSource({ url }, { poolSize: 1 }).initialize();
  const [row] = (await ds.query(`SHOW server_version`)) as { server_version: string }[];
  await ds.destroy();
  return row.server_version;
}

async function gitCommit(): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)('git', ['rev-parse', '--short', 'HEAD']);
    return stdout.trim();
  } catch {
    return 'unknown';
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
