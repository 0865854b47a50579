import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../../support/transpile';

/** Where each scenario writes its figures; `node scripts/reliability-table.mjs` renders them as docs/reliability.md's table. */
export const FIGURES_DIR = join(ROOT, '.test-results', 'reliability');

export interface ScenarioFigures {
  /** Its order in the table. */
  order: number;
  scenario: string;
  /** The load held while the faults were injected. */
  load: string;
  faults: string;
  /** What was sent: changes and requests (with retries), or generated requests. */
  inputs: string;
  /** Null where no change is accepted to be lost (the hostile requests: their figure is writes, in the notes). */
  lost: number | null;
  twice: number | null;
  /** Anything else worth a column note: statuses seen, time to recover. */
  notes: string;
  seconds: number;
}

/** Writes one scenario's figures (`<slug>.json`), whether its assertions then pass or not. */
export function recordFigures(slug: string, figures: ScenarioFigures): void {
  mkdirSync(FIGURES_DIR, { recursive: true });
  writeFileSync(join(FIGURES_DIR, `${slug}.json`), `${JSON.stringify({ ...figures, recordedAt: new Date().toISOString() }, null, 2)}\n`);
}

/** `{"202": 480, "503": 31}` as `202 × 480, 503 × 31`. */
export function statusList(statuses: Record<string, number>): string {
  return Object.entries(statuses).map(([s, n]) => `${s} × ${n}`).join(', ');
}
