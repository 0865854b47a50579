import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RuleInputRequest } from '../add-rules/add-rules.request.dto';
import { AppliedToRequest } from '../set-applied-to/applied-to.request.dto';

export class CreateSecurityGroupRequest {
  @ApiProperty({ example: 'vpc-0mh2k8q1a5f3c9e2b1d4a', description: 'A VPC of your tenant; unknown is 404 (errors path vpcId)' })
  vpcId!: string;

  @ApiPropertyOptional({
    example: 'web-servers',
    maxLength: 255,
    description: 'Unique in the VPC, whatever its case; "default" is reserved. Omit it and a readable unique name is generated: sg-<word>-<word>-<4 digits>.',
  })
  name?: string;

  @ApiPropertyOptional({ example: 'Web tier', maxLength: 255, default: '' })
  description?: string;

  @ApiPropertyOptional({
    example: { team: 'ml' },
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'At most 50 tags; keys 1–128 characters, values up to 256',
  })
  tags?: Record<string, string>;

  @ApiPropertyOptional({ type: [RuleInputRequest], description: 'Rules to start with, each with its direction; all or nothing' })
  rules?: RuleInputRequest[];

  @ApiPropertyOptional({ type: AppliedToRequest, description: 'Instances and network segments to apply the group to at once' })
  applyTo?: AppliedToRequest;
}
