import { Inject, Injectable } from '@nestjs/common';
import { checkQuotas, effectiveQuotas, type Quotas } from '@sg/domain';
import type { Transaction } from '../ports/event-store.port';
import { QuotaReadModel, type QuotaUsage } from '../ports/read-models/quotas.read-model';

/**
 * The quotas of a project's VPC as the write path checks them, whichever face adds groups or rules
 * to a project VPC: first before the change is decided (a quick refusal that writes nothing), then
 * again inside the append's transaction under the tenant's lock (`recheck`), on the usage that
 * change leaves: concurrent writers are counted one after the other and cannot pass a quota together.
 */
@Injectable()
export class ProjectQuotas {
  constructor(@Inject(QuotaReadModel) private readonly quotas: QuotaReadModel) {}

  async of(tenant: string): Promise<{ quotas: Quotas; usage: QuotaUsage }> {
    const [state, usage] = await Promise.all([this.quotas.find(tenant), this.quotas.usage(tenant)]);
    return { quotas: effectiveQuotas(state), usage };
  }

  async check(tenant: string, adding: QuotaUsage): Promise<void> {
    const { quotas, usage } = await this.of(tenant);
    checkQuotas(quotas, usage, adding);
  }

  /** Inside the append's transaction, which has written `adding` already: the usage read there includes it. */
  async recheck(tx: Transaction, tenant: string, adding: QuotaUsage): Promise<void> {
    if (adding.securityGroups <= 0 && adding.securityGroupRules <= 0) return;
    await this.quotas.lock(tx, tenant);
    // One after the other: in a transaction both reads share its one connection.
    const state = await this.quotas.find(tenant, tx);
    const usage = await this.quotas.usage(tenant, tx);
    checkQuotas(effectiveQuotas(state), { securityGroups: usage.securityGroups - adding.securityGroups, securityGroupRules: usage.securityGroupRules - adding.securityGroupRules }, adding);
  }
}
