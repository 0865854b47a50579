import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CreateVpcRequest {
  @ApiProperty({ example: 'ml-training', maxLength: 255 }) name!: string;
  @ApiPropertyOptional({ example: '10.0.0.0/16', description: 'A private range: inside 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10 (/8 to /28), or fc00::/7 (/48 to /64). Host bits are cleared, with a warning' }) cidr?: string;
}
