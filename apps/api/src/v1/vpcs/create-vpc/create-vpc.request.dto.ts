import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class CreateVpcRequest {
  @ApiProperty({ example: 'ml-training', maxLength: 255 }) name!: string;
  @ApiPropertyOptional({ example: '10.0.0.0/16', description: 'Host bits are cleared, with a warning' }) cidr?: string;
}
