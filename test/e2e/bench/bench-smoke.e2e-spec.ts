import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { dropDatabase, newDatabaseName, serverUrl, withAdminClient } from '../../support/databases';
import { ROOT } from '../../support/transpile';

/**
 * The benchmark harness (npm run bench) starts from the build and writes its results: a few
 * appends through this store, Emmett's and a bare INSERT, beside a Redis ceiling. Only that it
 * runs and writes a row is checked here; the figures themselves live in docs/benchmarks.md.
 */
describe('npm run bench (smoke)', () => {
  const database = newDatabaseName('sg_test');
  const out = mkdtempSync(join(tmpdir(), 'sg-bench-smoke-'));

  afterAll(async () => {
    rmSync(out, { recursive: true, force: true });
    await withAdminClient((client) => dropDatabase(client, database));
  });

  it('runs the append benchmark and writes bench/results/latest.json with its row', async () => {
    const entry = join(ROOT, 'dist/bench/run.js');
    expect(existsSync(entry)).toBe(true);
    const { stdout } = await promisify(execFile)(process.execPath, [entry, '--smoke', `--database=${database}`, `--out=${out}`], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: serverUrl() },
      timeout: 120_000,
    });
    expect(stdout).toContain('| single event, new stream, c=8');
    const results = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
    expect(results.mode).toBe('smoke');
    expect(results.appendSingle).toEqual(
      expect.objectContaining({ perSecond: expect.any(Number), p99Ms: expect.any(Number), emmettPerSecond: expect.any(Number), rawPerSecond: expect.any(Number) }),
    );
    expect(results.appendSingle.errors).toBe(0);
    expect(results.ceilings.redisOpsPerSecond).toBeGreaterThan(0);
    // Where the wall time went, per section, and the machine's load: what a figure is read against.
    expect(Object.keys(results.sectionSeconds)).toEqual(['setup', 'redis', 'appends']);
    expect(results.sectionSeconds.appends).toBeGreaterThan(0);
    expect(results.loadAverage).toHaveLength(3);
  });
});
