import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDataSource, createEventStore } from '@sg/infra';
import { measure, type Measurement } from './harness';
import { countStatements } from './query-counter';

/**
 * One append load, in a process of its own (so each subject has its own pool and its own pg type
 * parsers: Emmett's library sets process-wide ones):
 * `node append-load.js <subject> <scenario> <concurrency> <operations> <databaseUrl>`, printing
 * one JSON line `{measurement, statementsPerAppend}`.
 *
 * Subjects: `store` (this system's event store), `emmett` (Emmett's PostgreSQL event store),
 * `raw` (a bare event-shaped INSERT, autocommitted: one round trip, the ceiling).
 * Scenarios: `single` (one event to a new stream), `batch10` (ten events to a new stream in one
 * append), `hot` (one event to ONE shared stream, any version: every writer on the same stream).
 */

type Subject = 'store' | 'emmett' | 'raw';
type Scenario = 'single' | 'batch10' | 'hot';

const PAYLOAD = 'x'.repeat(200);
const POOL = 20;

function events(scenario: Scenario, i: number): { type: string; data: { i: number; n: number; payload: string } }[] {
  return Array.from({ length: scenario === 'batch10' ? 10 : 1 }, (_, n) => ({ type: 'bench.happened', data: { i, n, payload: PAYLOAD } }));
}

async function subjectOf(subject: Subject, url: string, scenario: Scenario, run: string): Promise<{ append: (i: number) => Promise<unknown>; close: () => Promise<void> }> {
  const stream = (i: number) => (scenario === 'hot' ? `bench-hot-${subject}-${run}` : `bench-${subject}-${run}-${i}`);
  if (subject === 'store') {
    const ds = await createDataSource({ url }, { poolSize: POOL }).initialize();
    const store = createEventStore(ds);
    const meta = { actor: 'bench', tenant: 'bench' };
    return {
      append: (i) => store.append(stream(i), 'bench', scenario === 'hot' ? 'any' : 'no-stream', events(scenario, i), meta),
      close: async () => {
        await store.close();
        await ds.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: url, max: POOL });
  if (subject === 'raw') {
    await pool.query(`CREATE TABLE IF NOT EXISTS bench_raw (position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, stream_id text NOT NULL, version int NOT NULL,
      type text NOT NULL, data jsonb NOT NULL, metadata jsonb NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`);
    return {
      append: (i) => {
        const rows = events(scenario, i);
        // One statement, autocommitted: the cheapest durable write of these rows there is.
        return pool.query(
          `INSERT INTO bench_raw (stream_id, version, type, data, metadata)
           SELECT $1, v, 'bench.happened', d, $3::jsonb FROM unnest($2::jsonb[]) WITH ORDINALITY AS t(d, v)`,
          [stream(i), rows.map((r) => JSON.stringify(r.data)), JSON.stringify({ actor: 'bench', tenant: 'bench' })],
        );
      },
      close: () => pool.end(),
    };
  }
  // Emmett's own API, on a pool of the same size; its schema is created by the first append.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const emmett = require('@event-driven-io/emmett-postgresql') as typeof import('@event-driven-io/emmett-postgresql');
  const store = emmett.getPostgreSQLEventStore(url, { connectionOptions: { pool } } as never);
  await store.appendToStream(`bench-emmett-warmup-${run}`, [{ type: 'bench.happened', data: { i: -1, n: 0, payload: PAYLOAD } }]);
  return {
    append: (i) =>
      store.appendToStream(stream(i), events(scenario, i), scenario === 'hot' ? {} : { expectedStreamVersion: 'STREAM_DOES_NOT_EXIST' }),
    close: async () => {
      await store.close();
      await pool.end().catch(() => undefined);
    },
  };
}

async function main(): Promise<void> {
  const [subject, scenario, concurrency, operations, url] = process.argv.slice(2) as [Subject, Scenario, string, string, string];
  const run = randomBytes(4).toString('hex');
  const s = await subjectOf(subject, url, scenario, run);
  // Warm the pool, then count what one append sends when it is alone.
  // (On one hot stream a peer may refuse concurrent writers: the measurement counts those.)
  await Promise.all(Array.from({ length: Number(concurrency) }, (_, k) => s.append(1_000_000 + k).catch((error: unknown) => {
    if (scenario !== 'hot') throw error;
  })));
  const statementsPerAppend = await countStatements(() => s.append(2_000_000));
  const measurement: Measurement = await measure(`${subject} ${scenario} c=${concurrency}`, Number(operations), Number(concurrency), (i) => s.append(i), { tolerate: scenario === 'hot' });
  await s.close();
  process.stdout.write(`${JSON.stringify({ measurement, statementsPerAppend })}\n`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
