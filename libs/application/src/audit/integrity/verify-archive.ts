import { createPublicKey, type KeyObject } from 'node:crypto';
import { digestSignatureHolds, type SignedDigest } from './digest';
import { eventHash, type HashedEvent } from './event-hash';

/** One line of an export (GET /v1/events/export, NDJSON). */
export interface ArchivedEvent extends HashedEvent {
  readonly position: number | string;
  readonly hash: string | null;
}

export type VerifyOutcome =
  | { readonly ok: true; readonly verified: number; readonly digests: number; readonly unsigned: number }
  | { readonly ok: false; readonly position: string | null; readonly reason: string; readonly verified: number };

/**
 * Checks an archive against itself and the signed digests of its scope:
 * 1. every event hashes to its stated hash (a changed event fails here);
 * 2. every event links to the one before it in its stream (version + 1, previousHash = its hash):
 *    a deletion, insertion or reordering inside a stream fails here;
 * 3. every digest is signed by the key, the digests chain (previousDigest), and, digest after
 *    digest, their [position, hash] lists are the archive's events in the archive's order: any
 *    change, deletion, insertion or reordering, even with the hashes recomputed (someone with full
 *    database rights can run the hash function), fails here, naming the position.
 * Events after the last digest are checked by 1 and 2 only (`unsigned`); the digests must not
 * name events the archive lacks. The first failure in archive order is reported.
 */
export function verifyArchive(events: readonly ArchivedEvent[], digests: readonly SignedDigest[], publicKeyPem: string | KeyObject): VerifyOutcome {
  const publicKey = typeof publicKeyPem === 'string' ? createPublicKey(publicKeyPem) : publicKeyPem;
  const failures: { index: number; position: string | null; reason: string }[] = [];

  // Digests: signed, chained; their lists concatenated are what the archive must start with.
  let previousDigest: string | null = null;
  const expected: { position: string; hash: string | null; digest: number }[] = [];
  const digestEnds: number[] = [];
  for (const [i, signed] of digests.entries()) {
    if (!digestSignatureHolds(signed, publicKey)) return { ok: false, position: null, reason: `digest ${i + 1} (up to position ${signed.digest?.to?.position}) is not signed by this key`, verified: 0 };
    if (signed.digest.previousDigest !== previousDigest) return { ok: false, position: null, reason: `digest ${i + 1} does not follow digest ${i} (a digest is missing or out of order)`, verified: 0 };
    previousDigest = signed.digestHash;
    for (const [position, hash] of signed.digest.events) expected.push({ position, hash, digest: i + 1 });
    digestEnds.push(expected.length);
  }

  const heads = new Map<string, { version: number; hash: string | null }>();
  const archived = new Set(events.map((e) => String(e.position)));
  const digested = new Set(expected.map((e) => e.position));
  for (const [index, event] of events.entries()) {
    const position = String(event.position);
    if (event.hash === null || event.hash === undefined) {
      failures.push({ index, position, reason: `event at position ${position} has no hash` });
      break;
    }
    if (eventHash(event) !== event.hash) {
      failures.push({ index, position, reason: `event at position ${position} does not match its hash (changed)` });
      break;
    }
    const head = heads.get(event.streamId);
    if (head) {
      if (event.version !== head.version + 1 || event.previousHash !== head.hash) {
        failures.push({ index, position, reason: `event at position ${position} (${event.streamId} version ${event.version}) does not follow version ${head.version} of its stream (an event was deleted, inserted or reordered)` });
        break;
      }
    } else if (event.version === 1 && event.previousHash !== null) {
      failures.push({ index, position, reason: `event at position ${position} is the first of ${event.streamId} but names a previous hash` });
      break;
    }
    heads.set(event.streamId, { version: event.version, hash: event.hash });
  }
  for (let index = 0; index < expected.length; index++) {
    const want = expected[index];
    const got = events[index];
    if (got === undefined) {
      failures.push({ index, position: want.position, reason: `position ${want.position}, signed in digest ${want.digest}, is not in the archive (deleted)` });
      break;
    }
    const position = String(got.position);
    if (position === want.position && got.hash === want.hash) continue;
    if (position === want.position) {
      failures.push({ index, position, reason: `event at position ${position} is not the one digest ${want.digest} signed (changed)` });
    } else if (!digested.has(position)) {
      failures.push({ index, position, reason: `event at position ${position} is in no digest where digest ${want.digest} signed position ${want.position} (inserted)` });
    } else if (!archived.has(want.position)) {
      failures.push({ index, position: want.position, reason: `position ${want.position}, signed in digest ${want.digest}, is not in the archive (deleted)` });
    } else {
      failures.push({ index, position, reason: `event at position ${position} is out of the order digest ${want.digest} signed, which has position ${want.position} here (reordered)` });
    }
    break;
  }
  if (failures.length > 0) {
    const first = failures.reduce((a, b) => (b.index < a.index ? b : a));
    return { ok: false, position: first.position, reason: first.reason, verified: first.index };
  }
  return { ok: true, verified: events.length, digests: digests.length, unsigned: events.length - expected.length };
}
