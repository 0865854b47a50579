import { Issues } from './domain-error';

/**
 * Helpers for reading untrusted JSON bodies: each reports problems to `issues` with a path
 * and returns undefined, so one request's every problem is listed together.
 */
export function asObject(input: unknown, path: string, issues: Issues, allowed: readonly string[]): Record<string, unknown> | undefined {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.add(path, 'must be a JSON object');
    return undefined;
  }
  const body = input as Record<string, unknown>;
  for (const key of Object.keys(body)) {
    if (!allowed.includes(key)) issues.add(join(path, key), 'unknown field');
  }
  return body;
}

export function asStringArray(input: unknown, path: string, issues: Issues, { max }: { max?: number } = {}): string[] | undefined {
  if (!Array.isArray(input)) {
    issues.add(path, 'must be an array of strings');
    return undefined;
  }
  if (max !== undefined && input.length > max) {
    issues.add(path, `at most ${max} entries`);
    return undefined;
  }
  const out: string[] = [];
  input.forEach((x, i) => {
    if (typeof x !== 'string' || x.length === 0) issues.add(`${path}[${i}]`, 'must be a non-empty string');
    else out.push(x);
  });
  return out;
}

/** Ids are opaque, but a sane shape keeps junk (and 10 MB strings) out of queries and logs. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function asId(input: unknown, path: string, issues: Issues, prefix?: string): string | undefined {
  if (typeof input !== 'string' || !ID.test(input)) {
    issues.add(path, prefix ? `must be an id like ${prefix}…` : 'must be an id');
    return undefined;
  }
  return input;
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
