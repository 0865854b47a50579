import { Inject, Injectable } from '@nestjs/common';
import { checkQuotas, effectiveQuotas, type Quotas } from '@sg/domain';
import { QuotaReadModel, type QuotaUsage } from '../ports/read-models/quotas.read-model';

/**
 * The quotas of a project's VPC as the write path checks them: before a group or rules are added
 * to a project VPC, whichever face adds them. Checked against the read model before the change
 * is written, so two concurrent writers may together pass a quota by the few items they add.
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
}
