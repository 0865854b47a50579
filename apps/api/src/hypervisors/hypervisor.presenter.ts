import { ApiProperty } from '@nestjs/swagger';
import type { HypervisorRecord } from '@sg/application';
import type { EntityManager } from 'typeorm';
import { syncStatusOf } from './hypervisor-sync-status';

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

/** Hypervisors with their sync status, read through `m` (a transaction, for a write's answer). */
export async function presentHypervisors(m: EntityManager, records: readonly HypervisorRecord[]): Promise<HypervisorResponse[]> {
  const sync = await syncStatusOf(m, records.map((h) => h.id));
  return records.map((h) => {
    const s = sync.get(h.id)!;
    return {
      id: h.id,
      agentUrl: h.agentUrl,
      desiredRevision: s.desiredRevision,
      appliedRevision: s.appliedRevision,
      lastContactAt: s.lastContactAt,
      lastError: s.lastError,
      version: h.version,
      createdAt: h.createdAt,
      updatedAt: h.updatedAt,
    };
  });
}
