import { ApiProperty } from '@nestjs/swagger';
import { OperationRefResponse } from '../../../security-groups/security-group.presenter';

export class ResyncHypervisorResponse {
  @ApiProperty({ example: 'hv-1' }) hypervisorId!: string;
  @ApiProperty({ type: OperationRefResponse, description: 'The operation that pushes the full state; it targets this hypervisor only' }) operation!: OperationRefResponse;
}
