import { createHash } from 'node:crypto';
import type { ApiKey, Role } from '@sg/infra';

/** Who is calling: the tenant and role of their API key, and a stable name for the audit trail. */
export interface Principal {
  tenant: string;
  role: Role;
  /** `demo/member#3f9a1c2e`: tenant, role and a fingerprint of the key (never the key itself). */
  actor: string;
}

export function principalOf(key: ApiKey): Principal {
  const fingerprint = createHash('sha256').update(key.key).digest('hex').slice(0, 8);
  return { tenant: key.tenant, role: key.role, actor: `${key.tenant}/${key.role}#${fingerprint}` };
}

/** The tenant a query is limited to: a member sees its own, an operator every tenant. */
export function tenantScope(p: Principal): string | null {
  return p.role === 'operator' ? null : p.tenant;
}

export function canSee(p: Principal, tenant: string): boolean {
  return p.role === 'operator' || p.tenant === tenant;
}
