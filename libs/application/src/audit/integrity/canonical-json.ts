/**
 * The text Postgres gives a jsonb value (`jsonb::text`), rebuilt from the parsed value: the hash
 * of an event is computed in SQL over that text, so a verifier with only an export recomputes it
 * byte for byte. jsonb's canonical form: object keys sorted shorter first, then by their UTF-8
 * bytes (a later duplicate key wins, as in JSON.parse); `", "` between members and elements,
 * `": "` after a key; strings escape `"`, `\` and the control characters (\b \f \n \r \t, others
 * as \u00xx in lower case) and nothing else; numbers as Postgres' numeric prints them (plain
 * decimals, never an exponent).
 */
export function jsonbText(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return numericText(value);
  if (typeof value === 'string') return stringText(value);
  if (Array.isArray(value)) return `[${value.map((v) => jsonbText(v)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => compareKeys(a, b));
    return `{${entries.map(([k, v]) => `${stringText(k)}: ${jsonbText(v)}`).join(', ')}}`;
  }
  throw new TypeError(`Not a JSON value: ${typeof value}`);
}

function compareKeys(a: string, b: string): number {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  if (left.length !== right.length) return left.length - right.length;
  return Buffer.compare(left, right);
}

function stringText(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (code < 0x20) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** A JavaScript number as Postgres' numeric prints the same value: no exponent, no trailing ".0". */
function numericText(n: number): string {
  if (!Number.isFinite(n)) throw new TypeError(`Not a JSON number: ${n}`);
  if (Object.is(n, -0)) return '0';
  const text = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign, lead, fraction = '', exponentText] = match;
  const exponent = Number(exponentText);
  const digits = lead + fraction;
  if (exponent >= 0) {
    const point = 1 + exponent;
    return sign + (digits.length <= point ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`);
  }
  return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
}
