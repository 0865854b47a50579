import { createHash } from 'node:crypto';
import type { Caller } from '@sg/application';
import type { ApiKey } from '@sg/infra';

/** Who is calling: the tenant and role of their API key, and a stable name for the audit trail. */
export interface Principal extends Caller {
  /** `demo/member#3f9a1c2e`: tenant, role and a fingerprint of the key (never the key itself). */
  actor: string;
}

export function principalOf(key: ApiKey): Principal {
  const fingerprint = createHash('sha256').update(key.key).digest('hex').slice(0, 8);
  return { tenant: key.tenant, role: key.role, actor: `${key.tenant}/${key.role}#${fingerprint}` };
}
