import { ApiPropertyOptional } from '@nestjs/swagger';

export class SetQuotasRequest {
  @ApiPropertyOptional({ example: 20, minimum: -1, maximum: 2147483647, description: 'Security groups of the tenant\'s project VPC; -1: unlimited' }) securityGroups?: number;
  @ApiPropertyOptional({ example: 200, minimum: -1, maximum: 2147483647, description: 'Rules of those groups; -1: unlimited' }) securityGroupRules?: number;
}
