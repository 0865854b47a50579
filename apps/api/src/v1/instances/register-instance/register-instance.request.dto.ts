import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class RegisterInstanceRequest {
  @ApiProperty({ example: 'gpu-1', maxLength: 255 }) name!: string;
  @ApiProperty({ example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' }) vpcId!: string;
  @ApiProperty({ example: 'hv-1', description: 'A registered hypervisor (any tenant may place instances on any hypervisor)' }) hypervisorId!: string;
  @ApiPropertyOptional({ example: '10.0.1.5', description: 'Inside the VPC\'s CIDR when it has one; unique in the VPC' }) ipv4?: string;
  @ApiPropertyOptional({ example: '2001:db8::5', description: 'Unique in the VPC' }) ipv6?: string;
}
