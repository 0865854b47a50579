/** Timing helpers for the benchmarks: wall-clock samples, percentiles, and Markdown tables. */
export interface Measurement {
  name: string;
  operations: number;
  seconds: number;
  samplesMs: number[];
  /** Operations that threw (measured with `tolerate`); the first message, for the table. */
  errors?: number;
  firstError?: string;
}

/**
 * Runs `op` for i = 0 … operations-1 with `concurrency` in flight. By default the first error
 * aborts the run; with `tolerate` errors are counted instead (a hot stream must show none).
 */
export async function measure(
  name: string,
  operations: number,
  concurrency: number,
  op: (i: number) => Promise<unknown>,
  options: { tolerate?: boolean } = {},
): Promise<Measurement> {
  const samplesMs: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= operations) return;
        const t0 = process.hrtime.bigint();
        try {
          await op(i);
        } catch (error) {
          if (!options.tolerate) throw error;
          errors++;
          firstError ??= error instanceof Error ? error.message : String(error);
          continue;
        }
        samplesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  return { name, operations, seconds: Number(process.hrtime.bigint() - started) / 1e9, samplesMs, errors, firstError };
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function perSecond(m: Measurement): number {
  return m.operations / m.seconds;
}

export const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

/** Prints a Markdown table (and returns its lines, for the notes). */
export function printTable(title: string, header: string[], lines: (string | number)[][]): string[] {
  const cells = lines.map((l) => l.map(String));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((l) => (l[i] ?? '').length)));
  const row = (c: string[]) => `| ${c.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  const out = [`### ${title}`, '', row(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(row), ''];
  console.log(`\n${out.join('\n')}`);
  return out;
}

export const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;
export const rate = (n: number) => `${n.toFixed(0)}/s`;
export const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : 'n/a');
