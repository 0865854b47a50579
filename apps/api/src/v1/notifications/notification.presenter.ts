import { ApiProperty } from '@nestjs/swagger';
import type { NotificationRecord } from '@sg/application';
import { OperationResponse, presentOperation } from '../operations/operation.presenter';

export class NotificationResponse {
  @ApiProperty({ example: 12, description: 'Grows with every notification; send the last one seen as `after`' }) id!: number;
  @ApiProperty({ type: OperationResponse, description: 'The operation as GET /v1/operations/{id} showed it at that change' }) operation!: OperationResponse;
}

export function presentNotification(n: NotificationRecord): NotificationResponse {
  return { id: Number(n.id), operation: presentOperation(n.operation) };
}

/** One Server-Sent Event: `id:` the notification's sequence number, `data:` the operation. */
export function sseFrame(n: NotificationRecord): string {
  return `id: ${n.id}\nevent: operation\ndata: ${JSON.stringify(presentOperation(n.operation))}\n\n`;
}
