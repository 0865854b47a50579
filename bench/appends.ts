import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Measurement, ms, percentile, perSecond, printTable, rate, ratio, round } from './harness';
import type { BenchOptions } from './run';

type Subject = 'store' | 'emmett' | 'raw';
type Scenario = 'single' | 'batch10' | 'hot';

interface Loaded {
  measurement: Measurement;
  statementsPerAppend: number | null;
}

/** Runs one load in a process of its own (append-load.ts); Emmett's failure is reported, not fatal. */
async function load(url: string, subject: Subject, scenario: Scenario, concurrency: number, operations: number): Promise<Loaded | { error: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [join(__dirname, 'append-load.js'), subject, scenario, String(concurrency), String(operations), url], {
      maxBuffer: 64 * 1024 * 1024,
      timeout: 600_000,
    });
    return JSON.parse(stdout.trim().split('\n').pop()!) as Loaded;
  } catch (error) {
    if (subject !== 'emmett') throw error;
    const e = error as { stderr?: string; message: string };
    return { error: (e.stderr?.trim().split('\n').find((l) => /Error/.test(l)) ?? e.message).slice(0, 200) };
  }
}

const ok = (r: Loaded | { error: string }): r is Loaded => 'measurement' in r;
const throughput = (r: Loaded | { error: string }) => (ok(r) ? perSecond(r.measurement) : 0);

/**
 * Appends: this event store, Emmett's PostgreSQL event store and a bare INSERT (the ceiling), the
 * same events at the same concurrency against the same server, one process per subject.
 */
export async function measureAppends(options: BenchOptions) {
  const n = options.smoke ? { single: 20, batch10: 5, hot: 10 } : options.quick ? { single: 600, batch10: 200, hot: 300 } : { single: 3000, batch10: 800, hot: 1500 };
  const rows: (string | number)[][] = [];
  const cases: { label: string; scenario: Scenario; concurrency: number; key?: string }[] = [
    { label: 'single event, new stream', scenario: 'single', concurrency: 8, key: 'appendSingle' },
    { label: 'single event, new stream', scenario: 'single', concurrency: 16 },
    { label: 'batch of 10 events, new stream', scenario: 'batch10', concurrency: 8, key: 'appendBatched10' },
    { label: 'batch of 10 events, new stream', scenario: 'batch10', concurrency: 16 },
    { label: 'single event, ONE hot stream (any version)', scenario: 'hot', concurrency: 8, key: 'appendHotStream' },
  ];
  const results: Record<string, unknown> = {};
  const ceilings = { rawInsertPerSecondC16: 0, rawInsertPerSecondC8: 0 };
  const statements: Record<string, number | null> = {};
  for (const c of options.smoke ? cases.slice(0, 1) : cases) {
    const ops = n[c.scenario];
    const store = await load(options.url, 'store', c.scenario, c.concurrency, ops);
    const emmett = await load(options.url, 'emmett', c.scenario, c.concurrency, ops);
    const raw = c.scenario === 'hot' ? null : await load(options.url, 'raw', c.scenario, c.concurrency, ops);
    if (!ok(store)) throw new Error(store.error);
    const m = store.measurement;
    statements[`store ${c.scenario}`] = store.statementsPerAppend;
    if (ok(emmett)) statements[`emmett ${c.scenario}`] = emmett.statementsPerAppend;
    if (raw && ok(raw)) statements[`raw ${c.scenario}`] = raw.statementsPerAppend;
    if (c.scenario === 'single' && raw) ceilings[c.concurrency === 16 ? 'rawInsertPerSecondC16' : 'rawInsertPerSecondC8'] = round(throughput(raw));
    const errors = (r: Loaded | { error: string }) => (ok(r) ? `${r.measurement.errors ?? 0}${r.measurement.firstError ? ` (${r.measurement.firstError.slice(0, 60)})` : ''}` : 'n/a');
    rows.push([
      `${c.label}, c=${c.concurrency}`,
      rate(perSecond(m)),
      ms(percentile(m.samplesMs, 50)),
      ms(percentile(m.samplesMs, 99)),
      ok(emmett) ? rate(throughput(emmett)) : `not run: ${emmett.error}`,
      ok(emmett) ? ms(percentile(emmett.measurement.samplesMs, 99)) : 'n/a',
      ratio(perSecond(m), throughput(emmett)),
      raw ? rate(throughput(raw)) : 'n/a',
      raw ? ratio(perSecond(m), throughput(raw)) : 'n/a',
      c.scenario === 'hot' ? `${errors(store)} / Emmett ${errors(emmett)}` : String(m.errors ?? 0),
    ]);
    const entry = {
      perSecond: round(perSecond(m)),
      p50Ms: round(percentile(m.samplesMs, 50), 2),
      p99Ms: round(percentile(m.samplesMs, 99), 2),
      emmettPerSecond: ok(emmett) ? round(throughput(emmett)) : null,
      ...(ok(emmett) ? {} : { emmettError: emmett.error }),
      rawPerSecond: raw ? round(throughput(raw)) : null,
      concurrency: c.concurrency,
      operations: ops,
      errors: m.errors ?? 0,
      ...(c.scenario === 'hot' && { emmettErrors: ok(emmett) ? (emmett.measurement.errors ?? 0) : null }),
      roundTripsPerAppend: store.statementsPerAppend,
    };
    const key = c.key ?? `${c.scenario === 'single' ? 'appendSingle' : 'appendBatched10'}C${c.concurrency}`;
    results[key] = entry;
  }
  options.notes.push(
    ...printTable(
      'Event store appends (this store · Emmett 0.42 PostgreSQL · bare INSERT), appends/s',
      ['append', 'store', 'p50', 'p99', 'Emmett', 'Emmett p99', 'vs Emmett', 'bare INSERT', 'vs INSERT', 'errors'],
      rows,
    ),
    ...printTable(
      'Round trips (statements sent) per append, measured at the pg client',
      ['subject', 'statements'],
      Object.entries(statements).map(([k, v]) => [k, v ?? 'n/a']),
    ),
  );
  return { results, ceilings };
}
