import { createHash } from 'node:crypto';
import type { StatePort, StateRemoteGroup } from './desired-state';

/**
 * The hash of a state's ports and remote groups' members, as the worker and the agent both compute it
 * (docs/agent-protocol.md "Convergence"): sha256 over a canonical JSON (object keys sorted, array
 * order kept). The agent answers with the hash of what it applied, so the worker knows a target is
 * done only when the revision AND the content match: an agent that holds another state under the
 * expected revision (or a higher one pushed by hand) is drift, not success.
 */
export function stateHash(ports: readonly StatePort[], remoteGroups: readonly StateRemoteGroup[] = []): string {
  // Without remote groups, the hash of the ports alone, as it always was.
  const hashed = remoteGroups.length === 0 ? ports : { ports, remoteGroups };
  return createHash('sha256').update(canonicalJson(hashed)).digest('hex');
}

/** JSON with every object's keys sorted; `undefined` members are left out, as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}

/** The hash of the empty state: what an agent that applied nothing yet reports. */
export const EMPTY_STATE_HASH = stateHash([]);
