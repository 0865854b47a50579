import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FlowIcmpRequest {
  @ApiProperty({ example: 8, minimum: 0, maximum: 255 }) type!: number;
  @ApiPropertyOptional({ example: 0, minimum: 0, maximum: 255, description: 'Defaults to 0' }) code?: number;
}

export class CheckFlowRequest {
  @ApiProperty({ enum: ['inbound', 'outbound'], description: 'inbound: a connection to the instance; outbound: one it opens' }) direction!: string;
  @ApiProperty({ enum: ['tcp', 'udp', 'icmp', 'icmpv6'], description: 'One protocol: a connection is never "all"' }) protocol!: string;
  @ApiPropertyOptional({ example: 443, minimum: 1, maximum: 65535, description: 'Required for tcp and udp: the instance\'s port (inbound) or the remote\'s (outbound)' }) port?: number;
  @ApiPropertyOptional({ type: FlowIcmpRequest, description: 'icmp and icmpv6 only' }) icmp?: FlowIcmpRequest;
  @ApiProperty({ example: '203.0.113.9', description: 'The other end\'s address (one address, not a CIDR): the source of inbound traffic, the destination of outbound' }) remote!: string;
}
