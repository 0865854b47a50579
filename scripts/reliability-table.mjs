#!/usr/bin/env node
// The fault suite's table (docs/reliability.md "Faults") from the figures the last run of the
// reliability tier wrote to .test-results/reliability/*.json. Prints it; with --write, also puts it
// into docs/reliability.md between its reliability-table markers.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.test-results', 'reliability');
const doc = join(root, 'docs', 'reliability.md');
const START = '<!-- reliability-table:start -->';
const END = '<!-- reliability-table:end -->';

if (!existsSync(dir)) {
  console.error(`no figures in ${dir}: run the reliability tier first (npm run test:reliability)`);
  process.exit(1);
}
const rows = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
  .sort((a, b) => a.order - b.order);
const cell = (value) => String(value ?? '—').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const figure = (n) => (n === null || n === undefined ? '— (no change to lose: see notes)' : `**${n}**`);
const lines = [
  '| scenario | load held | faults injected | inputs tried | changes lost | changes applied twice | notes | time |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map((r) => `| ${cell(r.scenario)} | ${cell(r.load)} | ${cell(r.faults)} | ${cell(r.inputs)} | ${figure(r.lost)} | ${figure(r.twice)} | ${cell(r.notes)} | ${r.seconds} s |`),
];
const times = rows.map((r) => r.recordedAt.slice(0, 16).replace('T', ' ')).sort();
const table = `${lines.join('\n')}\n\nRecorded ${times[0] === times.at(-1) ? `at ${times[0]}` : `between ${times[0]} and ${times.at(-1)}`} UTC (each scenario's latest run).`;
console.log(table);

if (process.argv.includes('--write')) {
  const text = readFileSync(doc, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) {
    console.error(`${doc} has no ${START} … ${END} markers`);
    process.exit(1);
  }
  writeFileSync(doc, `${text.slice(0, from + START.length)}\n${table}\n${text.slice(to)}`);
  console.log(`\nwritten to ${doc}`);
}
