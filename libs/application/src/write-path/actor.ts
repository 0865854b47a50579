export type Role = 'member' | 'operator';

/** Who reads: a member reads its tenant's resources, an operator every tenant's. */
export interface Caller {
  readonly tenant: string;
  readonly role: Role;
}

/** Who changes something, as every event it causes records it. */
export interface Actor extends Caller {
  /** For the audit trail: tenant, role and a fingerprint of the credential (never the credential). */
  readonly name: string;
  /** The server's own id of the request (the audit trail's `requestId`). */
  readonly requestId: string;
  /** The id the client sent (`X-Request-Id`), kept beside the server's; null or absent when none. */
  readonly clientRequestId?: string | null;
  /** The key the client sent to make its request safe to repeat, or null. */
  readonly idempotencyKey: string | null;
}

/** The tenant a read is limited to: a member's own, none for an operator. */
export function tenantScope(caller: Caller): string | null {
  return caller.role === 'operator' ? null : caller.tenant;
}

export function canSee(caller: Caller, tenant: string): boolean {
  return caller.role === 'operator' || caller.tenant === tenant;
}
