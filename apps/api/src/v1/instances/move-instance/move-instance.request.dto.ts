import { ApiProperty } from '@nestjs/swagger';

export class MoveInstanceRequest {
  @ApiProperty({ example: 'hv-2', description: 'The registered hypervisor the VM now runs on' }) hypervisorId!: string;
}
