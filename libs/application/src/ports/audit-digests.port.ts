import type { SignedDigest } from '../audit/integrity/digest';

/** The key digests are signed with, as a verifier needs it. */
export interface AuditPublicKey {
  readonly algorithm: 'Ed25519';
  /** hex SHA-256 of the key's SPKI DER: what each digest's `keyId` names. */
  readonly keyId: string;
  /** SPKI, PEM. */
  readonly publicKey: string;
}

/** A digest as listed: its place in its scope's stream, where the feed recorded it, and the signed digest. */
export interface ListedDigest {
  /** 1-based number of the digest in its scope (its stream's version). */
  readonly sequence: number;
  readonly position: string;
  readonly recordedAt: Date;
  readonly signed: SignedDigest;
}

/**
 * The signed digests of the history (tamper evidence, docs/audit.md) and the key they are signed
 * with; the worker writes them (`write`). Also the injection token.
 */
export abstract class AuditDigests {
  abstract publicKey(): Promise<AuditPublicKey>;
  /** The scope's digests after number `after`, oldest first, at most `limit`. */
  abstract list(scope: string, after: number, limit: number): Promise<ListedDigest[]>;
}
