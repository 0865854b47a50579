import { randomBytes } from 'node:crypto';

/**
 * Opaque ids with a readable prefix (API.md): `op-0mh2k8q1a7-5f3c9e2b1d`. The first part is the
 * time in base 36, so ids sort by creation (operations list newest first by id); the rest is random.
 */
export function newId(prefix: string, now: number = Date.now()): string {
  return `${prefix}-${now.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}
