import { InvalidValue, Issues } from '@sg/domain';

/**
 * Readers for an untrusted JSON body. Each reports a problem at its path and returns undefined,
 * so one response lists every bad field of a state (a worker bug gets fixed in one go).
 */
export class JsonReader {
  // A missing field is reported once, as missing, not again by the reader of its value.
  private readonly missing = new Set<string>();

  constructor(readonly issues: Issues) {}

  report(path: string, message: string): void {
    if (!this.missing.has(path)) this.issues.add(path, message);
  }

  /** An object with exactly these fields: an unknown one is an error, and so is a missing one. */
  object(input: unknown, path: string, fields: readonly string[], optional: readonly string[] = []): Record<string, unknown> | undefined {
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
      this.report(path, 'must be a JSON object');
      return undefined;
    }
    const body = input as Record<string, unknown>;
    for (const key of Object.keys(body)) {
      if (!fields.includes(key)) this.report(at(path, key), 'unknown field');
    }
    for (const key of fields) {
      if (Object.hasOwn(body, key) || optional.includes(key)) continue;
      this.report(at(path, key), 'is required (null where the protocol allows none)');
      this.missing.add(at(path, key));
    }
    return body;
  }

  array(input: unknown, path: string): unknown[] | undefined {
    if (Array.isArray(input)) return input;
    this.report(path, 'must be an array');
    return undefined;
  }

  oneOf<T extends string>(input: unknown, path: string, values: readonly T[]): T | undefined {
    if (typeof input === 'string' && (values as readonly string[]).includes(input)) return input as T;
    this.report(path, `must be one of ${values.join(', ')}`);
    return undefined;
  }

  /** Runs a parser (the domain's value objects among them); the InvalidValue it throws is reported at `path`. */
  parse<T>(path: string, fn: () => T): T | undefined {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof InvalidValue)) throw error;
      this.report(path, error.message);
      return undefined;
    }
  }
}

/** `ports[0].groups` from `ports[0]` and `groups`; the body itself is the empty path. */
export function at(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}
