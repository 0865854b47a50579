import { QuotaEventTypes as T } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { QuotaEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/** `rm_quotas`: one row per tenant whose quotas were set; null columns keep the defaults. */
export const quotaProjection: InlineProjection = {
  name: 'quotas',
  handles: (type) => QuotaEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    for (const stored of events) {
      const e = QuotaEvents.decode(stored);
      if (e.type === T.Reset) {
        await tx.query(`DELETE FROM rm_quotas WHERE tenant = $1`, [e.data.tenant]);
        continue;
      }
      await tx.query(
        `INSERT INTO rm_quotas (tenant, security_groups, security_group_rules) VALUES ($1, $2, $3)
         ON CONFLICT (tenant) DO UPDATE SET security_groups = COALESCE($2, rm_quotas.security_groups), security_group_rules = COALESCE($3, rm_quotas.security_group_rules)`,
        [e.data.tenant, e.data.securityGroups ?? null, e.data.securityGroupRules ?? null],
      );
    }
  },
};
