import { hypervisorStates } from '@sg/infra';
import type { EntityManager } from 'typeorm';

/** How far a hypervisor's agent has caught up with the changes meant for it. */
export interface HypervisorSyncStatus {
  /** Grows with every change that touches the hypervisor. */
  desiredRevision: number;
  /** The revision the agent last acknowledged. */
  appliedRevision: number;
  lastContactAt: string | null;
  /** The last push or health check that failed, cleared by the next success. */
  lastError: string | null;
}

/** From the propagation worker's `hypervisor_states`; a hypervisor it never synced reads as 0 / 0 / never. */
export async function syncStatusOf(m: EntityManager, hypervisorIds: readonly string[]): Promise<Map<string, HypervisorSyncStatus>> {
  const states = await hypervisorStates(m);
  return new Map(
    hypervisorIds.map((id) => {
      const s = states.get(id);
      return [id, { desiredRevision: s?.desiredRevision ?? 0, appliedRevision: s?.appliedRevision ?? 0, lastContactAt: s?.lastContactAt ?? null, lastError: s?.lastError ?? null }];
    }),
  );
}
