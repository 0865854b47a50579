import { ApiPropertyOptional } from '@nestjs/swagger';
import { RuleInputRequest } from '../add-rules/add-rules.request.dto';

export class ReplaceRulesRequest {
  @ApiPropertyOptional({ type: [RuleInputRequest], description: 'The whole inbound set; direction may be omitted. Missing means none.', example: [{ preset: 'HTTPS' }] })
  inboundRules?: RuleInputRequest[];

  @ApiPropertyOptional({ type: [RuleInputRequest], description: 'The whole outbound set; direction may be omitted. Missing means none.', example: [{ protocol: 'all', remote: 'all-ipv4' }] })
  outboundRules?: RuleInputRequest[];
}
