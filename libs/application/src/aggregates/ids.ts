import { randomBytes } from 'node:crypto';

const RANDOM_SPACE = 2 ** 48;
let last = { time: 0, random: 0 };

/**
 * Opaque ids with a readable prefix (`vpc-`, `sg-`, `sgr-`, `i-`, `op-`): `op-0mh2k8q1a7-5f3c9e2b1d`. The first part is the
 * time in base 36, so ids sort by creation (operations list newest first by id); the rest is random.
 *
 * Monotonic within a process: an id made in the same millisecond as the one before (a batch of
 * changes plans its operations in one go) takes the previous random part plus one, so it still
 * sorts after it. Across processes, ids order to the millisecond.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  if (now > last.time) {
    last = { time: now, random: randomBytes(6).readUIntBE(0, 6) };
  } else if (last.random + 1 < RANDOM_SPACE) {
    last = { time: last.time, random: last.random + 1 };
  } else {
    // The random part ran out within one millisecond: borrow the next millisecond.
    last = { time: last.time + 1, random: randomBytes(6).readUIntBE(0, 6) % (RANDOM_SPACE / 2) };
  }
  return `${prefix}-${last.time.toString(36).padStart(9, '0')}${last.random.toString(16).padStart(12, '0')}`;
}

/** Ids are opaque, but a sane shape keeps junk (a NUL, 5 KB) out of queries: anything else names nothing. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function isIdShape(id: string): boolean {
  return ID_PATTERN.test(id);
}
