import { ApiProperty } from '@nestjs/swagger';
import type { NotificationRecord } from '@sg/application';
import { FindingResponse, presentFinding } from '../findings/finding.presenter';
import { OperationResponse, presentOperation } from '../operations/operation.presenter';

export class NotificationResponse {
  @ApiProperty({ example: 12, description: 'Grows with every notification; send the last one seen as `after`' }) id!: number;
  @ApiProperty({ enum: ['operation', 'finding.opened'], description: '`operation`: an operation\'s status changed; `finding.opened`: a check found something (docs/audit.md)' }) kind!: string;
  @ApiProperty({ type: OperationResponse, nullable: true, description: 'For `operation`: the operation as GET /v1/operations/{id} showed it at that change; otherwise null' })
  operation!: OperationResponse | null;
  @ApiProperty({ type: FindingResponse, nullable: true, description: 'For `finding.opened`: the finding as GET /v1/findings showed it when it opened; otherwise null' })
  finding!: FindingResponse | null;
}

export function presentNotification(n: NotificationRecord): NotificationResponse {
  return n.kind === 'operation'
    ? { id: Number(n.id), kind: n.kind, operation: presentOperation(n.operation), finding: null }
    : { id: Number(n.id), kind: n.kind, operation: null, finding: presentFinding(n.finding) };
}

/**
 * One Server-Sent Event: `id:` the notification's sequence number; `event: operation` with the
 * operation, or `event: finding.opened` with the finding.
 */
export function sseFrame(n: NotificationRecord): string {
  const data = n.kind === 'operation' ? presentOperation(n.operation) : presentFinding(n.finding);
  return `id: ${n.id}\nevent: ${n.kind}\ndata: ${JSON.stringify(data)}\n\n`;
}
