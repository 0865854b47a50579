import { InvalidValue } from '../shared/domain-error';
import type { IcmpMatch } from '../rule/rule';

export type { IcmpMatch };

const FIELDS = new Set(['type', 'code']);

/**
 * `{"type": 8, "code": 0}`. Without `code` (or with `code: null`, as rules are returned) every
 * code of the type matches. Types and codes are not checked against the registries: the kernel
 * matches any 0–255 value, and new types keep being assigned.
 */
export function parseIcmp(input: unknown): IcmpMatch {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new InvalidValue('must be an object like {"type": 8, "code": 0}');
  }
  const fields = input as Record<string, unknown>;
  const unknown = Object.keys(fields).filter((k) => !FIELDS.has(k));
  if (unknown.length > 0) throw new InvalidValue(`unknown field ${unknown.map((k) => JSON.stringify(k)).join(', ')}; only type and code are allowed`);
  if (!Object.hasOwn(fields, 'type')) throw new InvalidValue('type is required (0–255)');
  const type = checkByte('type', fields.type);
  const code = !Object.hasOwn(fields, 'code') || fields.code === null ? null : checkByte('code', fields.code);
  return { type, code };
}

function checkByte(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 255) {
    throw new InvalidValue(`${name} must be an integer 0–255`);
  }
  return v;
}
