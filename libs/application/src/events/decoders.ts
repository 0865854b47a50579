/**
 * Checks of stored event payloads: each decoder takes what the database gave back (after
 * upcasting) and returns it typed, or throws EventDecodeError naming the first field that does
 * not fit. Objects come back with their known fields only.
 */
export type Decoder<T> = (value: unknown, path: string) => T;

export class EventDecodeError extends Error {
  constructor(
    readonly path: string,
    reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'EventDecodeError';
  }
}

const fail = (path: string, expected: string, value: unknown): never => {
  throw new EventDecodeError(path, `expected ${expected}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
};

export const string: Decoder<string> = (v, path) => (typeof v === 'string' ? v : fail(path, 'a string', v));

export const integer: Decoder<number> = (v, path) => (typeof v === 'number' && Number.isInteger(v) ? v : fail(path, 'an integer', v));

export const boolean: Decoder<boolean> = (v, path) => (typeof v === 'boolean' ? v : fail(path, 'a boolean', v));

export function oneOf<L extends string>(...values: readonly L[]): Decoder<L> {
  return (v, path) => ((values as readonly unknown[]).includes(v) ? (v as L) : fail(path, values.map((x) => JSON.stringify(x)).join(' or '), v));
}

export function nullable<T>(decode: Decoder<T>): Decoder<T | null> {
  return (v, path) => (v === null ? null : decode(v, path));
}

export function arrayOf<T>(decode: Decoder<T>): Decoder<T[]> {
  return (v, path) => (Array.isArray(v) ? v.map((item, i) => decode(item, `${path}[${i}]`)) : fail(path, 'an array', v));
}

/** A string map (tags). */
export const stringMap: Decoder<Record<string, string>> = (v, path) => {
  const source = plainObject(v, path);
  return Object.fromEntries(Object.entries(source).map(([k, x]) => [k, string(x, `${path}.${k}`)]));
};

/** A field that may be absent (never null: absent and null mean different things in our events). */
export interface Optional<T> {
  readonly optional: Decoder<T>;
}

export function optional<T>(decode: Decoder<T>): Optional<T> {
  return { optional: decode };
}

type Shape = Record<string, Decoder<unknown> | Optional<unknown>>;
type Required<S extends Shape> = { [K in keyof S as S[K] extends Optional<unknown> ? never : K]: S[K] extends Decoder<infer T> ? T : never };
type Optionals<S extends Shape> = { [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: S[K] extends Optional<infer T> ? T : never };
export type Decoded<S extends Shape> = Required<S> & Optionals<S>;

export function object<S extends Shape>(shape: S): Decoder<Decoded<S>> {
  return (v, path) => {
    const source = plainObject(v, path);
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(shape)) {
      const at = path ? `${path}.${key}` : key;
      if (typeof field === 'function') out[key] = field(Object.hasOwn(source, key) ? source[key] : undefined, at);
      else if (Object.hasOwn(source, key) && source[key] !== undefined) out[key] = field.optional(source[key], at);
    }
    return out as Decoded<S>;
  };
}

function plainObject(v: unknown, path: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail(path, 'an object', v);
  return v as Record<string, unknown>;
}
