import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import { jsonbText } from './canonical-json';
import { sha256Hex } from './event-hash';

/** The stream every digest is an event of; one per scope (`all`, or a tenant). */
export const DIGEST_STREAM_TYPE = 'audit-digest';
export const DIGEST_EVENT_TYPE = 'audit.digest.signed';
/** The tenant digest events are recorded under: no tenant's feed shows them. */
export const AUDIT_TENANT = '-audit';
export const DIGEST_ACTOR = 'system/audit-digests';

export function digestStreamId(scope: string): string {
  return scope === 'all' ? 'audit-digests' : `audit-digests.${scope}`;
}

/** A position in the feed (commit order): events after `from` up to and including `to`. */
export interface FeedCursor {
  readonly transactionId: string;
  readonly position: string;
}

/**
 * What a digest states, signed: the events of the feed (commit order) after `from` up to `to` that
 * belong to its scope (all of them, or one tenant's), each as [position, hash] in feed order; the
 * last version and hash of every stream touched in that range; the hash of the scope's previous
 * digest (null for its first), so digests form a chain of their own.
 */
export interface DigestBody {
  readonly format: 1;
  readonly scope: string;
  readonly from: FeedCursor;
  readonly to: FeedCursor;
  readonly createdAt: string;
  readonly previousDigest: string | null;
  readonly count: number;
  readonly events: readonly (readonly [string, string | null])[];
  readonly streams: Readonly<Record<string, { readonly version: number; readonly hash: string | null }>>;
}

/** A digest as stored (the event's data) and served: the body, its hash and an Ed25519 signature over the body's canonical text. */
export interface SignedDigest {
  readonly digest: DigestBody;
  /** hex SHA-256 of the body's canonical text (what the next digest's `previousDigest` names). */
  readonly digestHash: string;
  /** base64 Ed25519 signature of the body's canonical text (UTF-8). */
  readonly signature: string;
  /** hex SHA-256 of the public key (SPKI DER): which key signed. */
  readonly keyId: string;
}

export interface DigestedEvent {
  readonly position: string;
  readonly transactionId: string;
  readonly streamId: string;
  readonly version: number;
  readonly hash?: string | null;
  readonly tenant: string;
}

/** The text that is hashed and signed: the body's jsonb-canonical text. */
export function digestText(body: DigestBody): string {
  return jsonbText(body);
}

export function keyIdOf(publicKey: KeyObject): string {
  return sha256Hex(publicKey.export({ type: 'spki', format: 'der' }).toString('base64'));
}

export function signDigest(body: DigestBody, privateKey: KeyObject): SignedDigest {
  const text = digestText(body);
  return {
    digest: body,
    digestHash: sha256Hex(text),
    signature: sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
    keyId: keyIdOf(createPublicKey(privateKey)),
  };
}

/** Whether the signature is the key's over the body, and the stated hash the body's. */
export function digestSignatureHolds(signed: SignedDigest, publicKey: KeyObject): boolean {
  const text = digestText(signed.digest);
  if (sha256Hex(text) !== signed.digestHash) return false;
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signed.signature, 'base64'));
  } catch {
    return false;
  }
}

/**
 * The digests of one range of the feed: one of scope `all` over every event, and one per tenant
 * over that tenant's events (digest events themselves belong to no tenant). `previous` gives each
 * scope's last digest hash.
 */
export function digestBodies(
  events: readonly DigestedEvent[],
  range: { from: FeedCursor; to: FeedCursor; createdAt: string },
  previous: (scope: string) => string | null,
): DigestBody[] {
  const scopes = new Map<string, DigestedEvent[]>([['all', [...events]]]);
  for (const event of events) {
    if (event.tenant === AUDIT_TENANT) continue;
    const own = scopes.get(`tenant:${event.tenant}`) ?? [];
    own.push(event);
    scopes.set(`tenant:${event.tenant}`, own);
  }
  return [...scopes.entries()].map(([key, own]) => {
    const scope = key === 'all' ? 'all' : key.slice('tenant:'.length);
    const streams: Record<string, { version: number; hash: string | null }> = {};
    for (const event of own) streams[event.streamId] = { version: event.version, hash: event.hash ?? null };
    return {
      format: 1,
      scope,
      from: range.from,
      to: range.to,
      createdAt: range.createdAt,
      previousDigest: previous(scope),
      count: own.length,
      events: own.map((event) => [event.position, event.hash ?? null] as const),
      streams,
    };
  });
}

/** An Ed25519 private key from PEM (literal newlines or `\n`) or base64 PKCS#8 DER; throws when it is anything else. */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim().replace(/\\n/g, '\n');
  const key = trimmed.startsWith('-----BEGIN')
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, 'base64'), format: 'der', type: 'pkcs8' });
  if (key.asymmetricKeyType !== 'ed25519') throw new TypeError(`an Ed25519 private key is needed, got ${key.asymmetricKeyType}`);
  return key;
}
