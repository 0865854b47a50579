/** Timing helpers for the benchmarks: wall-clock samples, percentiles, and a plain-text table. */
export interface Measurement {
  name: string;
  operations: number;
  seconds: number;
  samplesMs: number[];
}

export async function measure(name: string, operations: number, concurrency: number, op: (i: number) => Promise<unknown>): Promise<Measurement> {
  const samplesMs: number[] = [];
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= operations) return;
        const t0 = process.hrtime.bigint();
        await op(i);
        samplesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { name, operations, seconds: Number(process.hrtime.bigint() - started) / 1e9, samplesMs };
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** Prints each measured row beside the machine's own baseline for the same work. */
export function printTable(title: string, rows: { subject: Measurement; baseline: Measurement }[]): void {
  const fmt = (m: Measurement) => [`${(m.operations / m.seconds).toFixed(0)}/s`, `${percentile(m.samplesMs, 50).toFixed(2)} ms`, `${percentile(m.samplesMs, 99).toFixed(2)} ms`];
  const header = ['benchmark', 'throughput', 'p50', 'p99', 'baseline', 'throughput', 'p50', 'p99', 'ratio'];
  const lines = rows.map(({ subject, baseline }) => [
    subject.name,
    ...fmt(subject),
    baseline.name,
    ...fmt(baseline),
    `${(subject.operations / subject.seconds / (baseline.operations / baseline.seconds)).toFixed(2)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const row = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${title}\n`);
  console.log(row(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  lines.forEach((l) => console.log(row(l)));
}
