import { InvalidValue } from '../shared/domain-error';
import type { PortSpan } from '../rule/rule';

export type { PortSpan };

export const MIN_PORT = 1;
export const MAX_PORT = 65535;

// Decimal without signs, spaces or leading zeros, so one range has one spelling.
const RANGE_TEXT = /^([0-9]+)(?:-([0-9]+))?$/;
const FORMS = 'expected "all", a port like 22 or a range like 8000-8080';

/** One port number: a JSON integer or its decimal text. */
export function parsePort(input: unknown): number {
  if (typeof input === 'number') return checkPort(input);
  if (typeof input === 'string' && /^[0-9]+$/.test(input)) return checkPortText(input);
  throw new InvalidValue(`port must be an integer ${MIN_PORT}–${MAX_PORT}`);
}

function parse(input: unknown): PortSpan | null {
  if (input === 'all') return null;
  if (typeof input === 'number') {
    const port = checkPort(input);
    return { from: port, to: port };
  }
  if (typeof input !== 'string') throw new InvalidValue(`must be a string or a number: ${FORMS}`);
  const range = RANGE_TEXT.exec(input);
  if (!range) throw new InvalidValue(FORMS);
  const from = checkPortText(range[1]);
  const to = range[2] === undefined ? from : checkPortText(range[2]);
  if (from > to) throw new InvalidValue(`the range starts at ${from}, after its end ${to}`);
  return { from, to };
}

function checkPortText(digits: string): number {
  if (/^0[0-9]/.test(digits)) throw new InvalidValue(`port ${digits} must be written without leading zeros`);
  return checkPort(Number(digits));
}

function checkPort(n: number): number {
  if (!Number.isInteger(n) || n < MIN_PORT || n > MAX_PORT) {
    throw new InvalidValue(`port must be an integer ${MIN_PORT}–${MAX_PORT}`);
  }
  return n;
}

/** `"all"`, `"22"` or `"8000-8080"`: the form `parse` reads back to the same span. */
function format(span: PortSpan | null): string {
  if (!span) return 'all';
  return span.from === span.to ? String(span.from) : `${span.from}-${span.to}`;
}

/** Whether a span (null: all ports) includes the port. */
function includes(span: PortSpan | null, port: number): boolean {
  return !span || (span.from <= port && port <= span.to);
}

function equals(a: PortSpan | null, b: PortSpan | null): boolean {
  return a === b || (!!a && !!b && a.from === b.from && a.to === b.to);
}

/** Port ranges as plain `{from, to}` data (null meaning all ports), so rules stay JSON. */
export const PortRange = { parse, format, includes, equals } as const;
