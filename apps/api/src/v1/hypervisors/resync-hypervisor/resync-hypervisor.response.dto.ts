import { ApiProperty } from '@nestjs/swagger';
import type { HypervisorResynced } from '@sg/application';
import type { HttpAnswer } from '../../../platform/http/send';
import { operationRef } from '../../operations/operation.presenter';
import { OperationRefResponse } from '../../security-groups/security-group.presenter';

export class ResyncHypervisorResponse {
  @ApiProperty({ example: 'hv-1' }) hypervisorId!: string;
  @ApiProperty({ type: OperationRefResponse, description: 'The operation that pushes the full state; it targets this hypervisor only' }) operation!: OperationRefResponse;
}

export function resyncAnswer({ hypervisorId, operation }: HypervisorResynced): HttpAnswer {
  const op = operationRef(operation);
  return { statusCode: 202, headers: op.headers, body: { hypervisorId, operation: op.ref } };
}
