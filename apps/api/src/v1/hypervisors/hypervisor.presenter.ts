import { ApiProperty } from '@nestjs/swagger';
import type { HypervisorRegistered, HypervisorStatus } from '@sg/application';
import type { HttpAnswer } from '../../platform/http/send';

export class HypervisorResponse {
  @ApiProperty({ example: 'hv-1', description: 'Chosen by the caller when registering' }) id!: string;
  @ApiProperty({ example: 'http://10.0.0.7:7001' }) agentUrl!: string;
  @ApiProperty({ example: 42, description: 'Grows with every change that touches this hypervisor; 0 until the first one' }) desiredRevision!: number;
  @ApiProperty({ example: 42, description: 'The revision the agent last acknowledged; behind desiredRevision while a change propagates' }) appliedRevision!: number;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z', nullable: true, type: String, description: 'Last time the agent answered; null if never' }) lastContactAt!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'The last failed push or health check, cleared by the next success' }) lastError!: string | null;
  @ApiProperty({ example: 1, description: 'Stream version; send it back in If-Match' }) version!: number;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) updatedAt!: string;
}

export function presentHypervisor(h: HypervisorStatus): HypervisorResponse {
  return {
    id: h.id,
    agentUrl: h.agentUrl,
    desiredRevision: h.desiredRevision,
    appliedRevision: h.appliedRevision,
    lastContactAt: h.lastContactAt,
    lastError: h.lastError,
    version: h.version,
    createdAt: h.createdAt,
    updatedAt: h.updatedAt,
  };
}

/** 201 with Location when new, 200 otherwise. */
export function hypervisorRegisteredAnswer({ hypervisor, created }: HypervisorRegistered): HttpAnswer {
  return { statusCode: created ? 201 : 200, headers: created ? { Location: `/v1/hypervisors/${hypervisor.id}` } : {}, body: presentHypervisor(hypervisor) };
}
