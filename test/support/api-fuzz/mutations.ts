import fc from 'fast-check';
import { toJsonText, withDuplicateKey, withKey } from './raw-json';
import { weirdKey, weirdValue } from './weird-values';

type Path = (string | number)[];

/**
 * One change to a valid body. It is data (which node, which value) rather than a function, so
 * fast-check can print and shrink it; `at` picks a node by index among the body's nodes.
 */
export type Mutation =
  | { kind: 'replace'; at: number; value: unknown }
  | { kind: 'drop'; at: number }
  | { kind: 'extra'; at: number; key: string; value: unknown }
  | { kind: 'repeat-element'; at: number; times: number }
  | { kind: 'wrap'; at: number; in: 'array' | 'object' }
  | { kind: 'to-string'; at: number }
  | { kind: 'duplicate-key'; at: number; value: unknown };

export function mutation(): fc.Arbitrary<Mutation> {
  const at = fc.nat({ max: 1_000 });
  return fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('replace' as const), at, value: weirdValue() }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('drop' as const), at }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('extra' as const), at, key: weirdKey(), value: weirdValue() }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('repeat-element' as const), at, times: fc.constantFrom(2, 3, 5_000) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('wrap' as const), at, in: fc.constantFrom<'array' | 'object'>('array', 'object') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('to-string' as const), at }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('duplicate-key' as const), at, value: weirdValue() }) },
  );
}

/** The JSON text of `body` after the mutations, applied in order to a copy. */
export function mutatedText(body: unknown, mutations: Mutation[]): string {
  let value = clone(body);
  const duplicates: { key: string; value: unknown }[] = [];
  for (const m of mutations) {
    if (m.kind === 'duplicate-key') {
      const keys = isObject(value) ? Object.keys(value) : [];
      if (keys.length > 0) duplicates.push({ key: keys[m.at % keys.length], value: m.value });
      continue;
    }
    value = apply(value, m);
  }
  let text = toJsonText(value);
  for (const d of duplicates) text = withDuplicateKey(text, d.key, toJsonText(d.value));
  return text;
}

function apply(root: unknown, m: Exclude<Mutation, { kind: 'duplicate-key' }>): unknown {
  const paths = nodesOf(root);
  const path = paths[m.at % paths.length];
  const current = get(root, path);
  switch (m.kind) {
    case 'replace':
      // Copies: the pool's values are shared between runs, and a later mutation may change this one.
      return set(root, path, clone(m.value));
    case 'drop':
      return path.length === 0 ? undefined : remove(root, path);
    case 'extra': {
      const objects = paths.filter((p) => isObject(get(root, p)));
      if (objects.length === 0) return root;
      const target = get(root, objects[m.at % objects.length]) as Record<string, unknown>;
      withKey(target, m.key, clone(m.value));
      return root;
    }
    case 'repeat-element': {
      const arrays = paths.filter((p) => Array.isArray(get(root, p)) && (get(root, p) as unknown[]).length > 0);
      if (arrays.length === 0) return root;
      const list = get(root, arrays[m.at % arrays.length]) as unknown[];
      const first = list[0];
      for (let i = 1; i < m.times; i++) list.push(clone(first));
      return root;
    }
    case 'wrap':
      return set(root, path, m.in === 'array' ? [current] : { value: current });
    case 'to-string':
      return set(root, path, typeof current === 'string' ? current : toJsonText(current));
    default: {
      const never: never = m;
      return never;
    }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every node, root first; long arrays contribute their first few elements only. */
function nodesOf(root: unknown): Path[] {
  const out: Path[] = [];
  const walk = (v: unknown, path: Path, depth: number) => {
    out.push(path);
    if (depth > 8) return;
    if (Array.isArray(v)) v.slice(0, 4).forEach((item, i) => walk(item, [...path, i], depth + 1));
    else if (isObject(v)) for (const k of Object.keys(v)) walk(v[k], [...path, k], depth + 1);
  };
  walk(root, [], 0);
  return out;
}

function get(root: unknown, path: Path): unknown {
  let v = root;
  for (const k of path) v = (v as Record<string | number, unknown>)[k];
  return v;
}

function set(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent[key as number] = value;
  else withKey(parent as Record<string, unknown>, key as string, value);
  return root;
}

function remove(root: unknown, path: Path): unknown {
  const parent = get(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (Array.isArray(parent)) parent.splice(key as number, 1);
  else delete (parent as Record<string, unknown>)[key as string];
  return root;
}

/** A deep copy that keeps own `__proto__` keys as keys. */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) withKey(out, k, clone(v[k]));
    return out as T;
  }
  return v;
}
