import { ApiPropertyOptional } from '@nestjs/swagger';

/** The body of the three applied-to endpoints, and `applyTo` of a new group. */
export class AppliedToRequest {
  @ApiPropertyOptional({ example: ['i-0mh2k8q1a7c1d2e3f4a5b'], description: 'Instances of the group\'s VPC (at most 1000)' })
  instanceIds?: string[];

  @ApiPropertyOptional({
    example: ['10.0.1.0/24'],
    description:
      'Network segments: the group applies to every instance of the VPC whose address is inside, including instances ' +
      'registered later. An IPv4 segment must lie inside the VPC\'s IPv4 range when it has one. Host bits are cleared, with a warning.',
  })
  cidrs?: string[];
}
