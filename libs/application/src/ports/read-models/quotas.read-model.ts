import type { QuotaState } from '@sg/domain';
import type { Transaction } from '../event-store.port';

/** What a project uses of its quotas: the groups of its project VPC and their rules. */
export interface QuotaUsage {
  securityGroups: number;
  securityGroupRules: number;
}

/** `rm_quotas`, and the usage the quotas count. */
export abstract class QuotaReadModel {
  /** The quotas set for a tenant (null values: the defaults), or null when none was ever set; in `tx` when given. */
  abstract find(tenant: string, tx?: Transaction): Promise<QuotaState | null>;

  /** In `tx` when given: inside an append, the usage includes what it wrote. */
  abstract usage(tenant: string, tx?: Transaction): Promise<QuotaUsage>;

  /**
   * Takes the tenant's quota lock until `tx` ends: every append that adds to a project's groups or
   * rules takes it before counting, so they count one after the other, each seeing the ones before.
   */
  abstract lock(tx: Transaction, tenant: string): Promise<void>;
}
