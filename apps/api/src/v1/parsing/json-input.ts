import { isIdShape } from '@sg/application';
import { Issues } from '@sg/domain';

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

export function asId(input: unknown, path: string, issues: Issues, prefix?: string): string | undefined {
  if (typeof input !== 'string' || !isIdShape(input)) {
    issues.add(path, prefix ? `must be an id like ${prefix}…` : 'must be an id');
    return undefined;
  }
  return input;
}

export function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
