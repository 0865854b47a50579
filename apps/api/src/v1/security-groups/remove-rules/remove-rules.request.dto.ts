import { ApiProperty } from '@nestjs/swagger';

export class RemoveRulesRequest {
  @ApiProperty({ example: ['sgr-0mh2k8q1a7c1d2e3f4a5b'], minItems: 1, maxItems: 1000, description: 'Rules of this group; repeats count once' })
  ruleIds!: string[];
}
