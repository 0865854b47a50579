import { ApiProperty } from '@nestjs/swagger';
import type { QuotasChanged } from '@sg/application';
import type { HttpAnswer } from '../../platform/http/send';

export class QuotaUsageResponse {
  @ApiProperty({ example: 10, description: 'The quota; -1: unlimited' }) limit!: number;
  @ApiProperty({ example: 3, description: 'Used now' }) used!: number;
}

export class QuotasResponse {
  @ApiProperty({ example: 'demo' }) tenant!: string;
  @ApiProperty({ type: QuotaUsageResponse, description: 'Security groups of the tenant\'s project VPC (the Neutron face\'s groups; default 10)' }) securityGroups!: QuotaUsageResponse;
  @ApiProperty({ type: QuotaUsageResponse, description: 'Rules of those groups (default 100)' }) securityGroupRules!: QuotaUsageResponse;
}

export function presentQuotas({ tenant, quotas, usage }: QuotasChanged): QuotasResponse {
  return {
    tenant,
    securityGroups: { limit: quotas.securityGroups, used: usage.securityGroups },
    securityGroupRules: { limit: quotas.securityGroupRules, used: usage.securityGroupRules },
  };
}

export const quotasAnswer = (outcome: QuotasChanged): HttpAnswer => ({ statusCode: 200, headers: {}, body: presentQuotas(outcome) });
