import { ApiProperty } from '@nestjs/swagger';
import type { OperationOpened, OperationRetried } from '@sg/application';
import type { HttpAnswer } from '../../platform/http/send';
import { Operation, operationMessage, OperationStatus } from '@sg/domain';

const STATUSES: OperationStatus[] = ['queued', 'in-progress', 'succeeded', 'failed'];

export class OperationResourceResponse {
  @ApiProperty({ enum: ['security-group', 'instance', 'vpc', 'hypervisor'] }) type!: string;
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
}

export class OperationProgressResponse {
  @ApiProperty({ example: 1, description: 'Targets that have finished, successfully or not' }) done!: number;
  @ApiProperty({ example: 2, description: 'Hypervisors the change must reach' }) total!: number;
}

export class OperationTargetResponse {
  @ApiProperty({ example: 'hv-1' }) hypervisorId!: string;
  @ApiProperty({ enum: STATUSES }) status!: OperationStatus;
  @ApiProperty({ example: 1 }) attempts!: number;
  @ApiProperty({ example: 42, nullable: true, type: Number, description: 'The hypervisor revision that carried the change' }) appliedRevision!: number | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'The agent\'s last error' }) error!: string | null;
}

export class OperationResponse {
  @ApiProperty({ example: 'op-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ example: 'security-group.rules.added', description: 'What changed, as the change\'s event type' }) type!: string;
  @ApiProperty({ enum: STATUSES }) status!: OperationStatus;
  @ApiProperty({ type: OperationResourceResponse }) resource!: OperationResourceResponse;
  @ApiProperty({ example: 'demo' }) tenant!: string;
  @ApiProperty({ example: 'Added 2 inbound rules to web-servers; applied on 3 instances across 2 hypervisors' }) message!: string;
  @ApiProperty({ type: OperationProgressResponse }) progress!: OperationProgressResponse;
  @ApiProperty({ type: [OperationTargetResponse] }) targets!: OperationTargetResponse[];
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-27T10:00:01.250Z' }) updatedAt!: string;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'Set once it succeeded or failed; cleared by a retry' }) finishedAt!: string | null;
}

/** The operation as `GET /v1/operations/{id}` shows it; the notification stream sends the same object. */
export function presentOperation(op: Operation): OperationResponse {
  return {
    id: op.id,
    type: op.type,
    status: op.status,
    resource: { type: op.resource.type, id: op.resource.id },
    tenant: op.tenant,
    message: operationMessage(op),
    progress: { done: op.targets.filter((t) => t.status === 'succeeded' || t.status === 'failed').length, total: op.targets.length },
    targets: op.targets.map((t) => ({ hypervisorId: t.hypervisorId, status: t.status, attempts: t.attempts, appliedRevision: t.appliedRevision, error: t.error })),
    createdAt: op.createdAt,
    updatedAt: op.updatedAt,
    finishedAt: op.finishedAt,
  };
}

export function isOperationStatus(value: unknown): value is OperationStatus {
  return STATUSES.includes(value as OperationStatus);
}

export const OPERATION_STATUSES: readonly OperationStatus[] = STATUSES;

/** The `operation` member of a change's answer. */
export interface OperationRef {
  id: string;
  status: string;
  href: string;
}

/** An operation a change opened, as its answer shows it: the `operation` member and the `Operation-Location` header. */
export function operationRef(opened: OperationOpened): { ref: OperationRef; headers: Record<string, string> } {
  const href = `/v1/operations/${opened.id}`;
  return { ref: { id: opened.id, status: opened.status, href }, headers: { 'Operation-Location': href } };
}

/** 202 with the operation as it is now, its failed targets queued again. */
export function retriedAnswer({ operation }: OperationRetried): HttpAnswer {
  return { statusCode: 202, headers: { 'Operation-Location': `/v1/operations/${operation.id}` }, body: presentOperation(operation) };
}
