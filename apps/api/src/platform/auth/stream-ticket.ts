import { createHash, createHmac } from 'node:crypto';
import { type ApiKey, sameSecret } from '@sg/infra';
import { Principal, principalOf } from './principal';

/** How long a ticket opens the stream; a stream already open stays open. */
export const STREAM_TICKET_TTL_MS = 15 * 60 * 1000;

/**
 * Tickets for `GET /v1/notifications/stream?ticket=…`: a browser's EventSource cannot send an
 * Authorization header, so a console trades its key for a ticket (POST /v1/notifications/tickets)
 * and puts that in the stream's URL. A ticket opens that stream and nothing else, for the
 * principal that asked, until it expires or that principal's key is removed from API_KEYS.
 *
 * Stateless, so any replica accepts any replica's tickets: `<payload>.<HMAC-SHA256>`, both
 * base64url, the HMAC keyed by a hash of every configured key (replicas share API_KEYS; changing
 * the keys voids every ticket).
 */
export class StreamTickets {
  private readonly secret: Buffer;
  private readonly actors: Map<string, Principal>;

  constructor(keys: readonly ApiKey[]) {
    const material = keys.map((k) => `${k.key}:${k.tenant}:${k.role}`).sort().join('\n');
    this.secret = createHash('sha256').update(`sg/stream-ticket/v1\n${material}`).digest();
    this.actors = new Map(keys.map((k) => principalOf(k)).map((p) => [p.actor, p]));
  }

  issue(principal: Principal, now: number = Date.now()): { ticket: string; expiresAt: string } {
    const expires = now + STREAM_TICKET_TTL_MS;
    const payload = Buffer.from(JSON.stringify({ a: principal.actor, e: expires })).toString('base64url');
    return { ticket: `${payload}.${this.sign(payload)}`, expiresAt: new Date(expires).toISOString() };
  }

  /** The principal a ticket stands for, or null when it is forged, expired or its key is gone. */
  verify(ticket: string, now: number = Date.now()): Principal | null {
    const [payload, signature, ...rest] = ticket.split('.');
    if (!payload || !signature || rest.length > 0 || ticket.length > 1024) return null;
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
