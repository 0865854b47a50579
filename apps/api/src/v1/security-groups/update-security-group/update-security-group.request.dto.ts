import { ApiPropertyOptional } from '@nestjs/swagger';

/** At least one field; the ones given replace the current values (tags as a whole map). */
export class UpdateSecurityGroupRequest {
  @ApiPropertyOptional({ example: 'web-servers', maxLength: 255, description: 'Unique in the VPC; the default group cannot be renamed (409 default-group-immutable)' })
  name?: string;

  @ApiPropertyOptional({ example: 'Web tier', maxLength: 255 })
  description?: string;

  @ApiPropertyOptional({ example: { team: 'ml' }, type: 'object', additionalProperties: { type: 'string' }, description: 'Replaces every tag; {} removes them all' })
  tags?: Record<string, string>;
}
