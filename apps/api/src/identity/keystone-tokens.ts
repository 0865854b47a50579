import { createHash, createHmac } from 'node:crypto';
import { type ApiKey, sameSecret } from '@sg/infra';
import { type Principal, principalOf } from '../platform/auth/principal';

/** How long a token is valid: clients (tempest, the CLI) renew shortly before it expires. */
export const KEYSTONE_TOKEN_TTL_MS = 12 * 3600 * 1000;

/**
 * Keystone-style tokens for the Neutron face: `<payload>.<HMAC-SHA256>` (base64url), the HMAC
 * keyed by a hash of every configured API key, so any replica with the same API_KEYS accepts any
 * replica's tokens, nothing is stored, and removing a key (or changing the set) voids its tokens.
 * The payload names the principal by its actor (tenant, role, key fingerprint) and the expiry.
 */
export class KeystoneTokens {
  private readonly secret: Buffer;
  private readonly actors: Map<string, Principal>;

  constructor(private readonly keys: readonly ApiKey[]) {
    const material = keys.map((k) => `${k.key}:${k.tenant}:${k.role}`).sort().join('\n');
    this.secret = createHash('sha256').update(`sg/keystone-token/v1\n${material}`).digest();
    this.actors = new Map(keys.map((k) => principalOf(k)).map((p) => [p.actor, p]));
  }

  /** The account a user name and password stand for: user = tenant, password = its key. */
  authenticate(user: string, password: string): Principal | null {
    let found: Principal | null = null;
    for (const k of this.keys) if (sameSecret(password, k.key) && k.tenant === user) found = principalOf(k);
    return found;
  }

  issue(principal: Principal, now: number = Date.now()): { token: string; issuedAt: Date; expiresAt: Date } {
    const expires = now + KEYSTONE_TOKEN_TTL_MS;
    const payload = Buffer.from(JSON.stringify({ a: principal.actor, e: expires, n: createHash('sha256').update(`${now}:${Math.random()}`).digest('hex').slice(0, 8) })).toString('base64url');
    return { token: `${payload}.${this.sign(payload)}`, issuedAt: new Date(now), expiresAt: new Date(expires) };
  }

  /** The principal a token stands for, or null when it is forged, expired or its key is gone. */
  verify(token: string, now: number = Date.now()): Principal | null {
    const [payload, signature, ...rest] = token.split('.');
    if (!payload || !signature || rest.length > 0 || token.length > 1024) return null;
    if (!sameSecret(signature, this.sign(payload))) return null;
    let claims: { a?: unknown; e?: unknown };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    if (typeof claims.e !== 'number' || claims.e <= now || typeof claims.a !== 'string') return null;
    return this.actors.get(claims.a) ?? null;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.secret).update(payload).digest('base64url');
  }
}
