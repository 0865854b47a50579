import type { QuotaState } from '@sg/domain';

/** What a project uses of its quotas: the groups of its project VPC and their rules. */
export interface QuotaUsage {
  securityGroups: number;
  securityGroupRules: number;
}

/** `rm_quotas`, and the usage the quotas count. */
export abstract class QuotaReadModel {
  /** The quotas set for a tenant (null values: the defaults), or null when none was ever set. */
  abstract find(tenant: string): Promise<QuotaState | null>;

  abstract usage(tenant: string): Promise<QuotaUsage>;
}
