import type { HypervisorStateRecord, HypervisorStates } from '../ports/propagation/hypervisor-states';
import type { HypervisorRecord } from '../ports/read-models/hypervisors.read-model';

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

/** A registered hypervisor and its sync status. */
export type HypervisorStatus = HypervisorRecord & HypervisorSyncStatus;

/** From the propagation worker's states; a hypervisor it never synced reads as 0 / 0 / never. */
export async function withSyncStatus(states: HypervisorStates, records: readonly HypervisorRecord[]): Promise<HypervisorStatus[]> {
  const all = await states.all();
  return records.map((h) => syncStatusOf(all, h));
}

/** One record with its status, from states already read. */
export function syncStatusOf(all: ReadonlyMap<string, HypervisorStateRecord>, h: HypervisorRecord): HypervisorStatus {
  const s = all.get(h.id);
  return { ...h, desiredRevision: s?.desiredRevision ?? 0, appliedRevision: s?.appliedRevision ?? 0, lastContactAt: s?.lastContactAt ?? null, lastError: s?.lastError ?? null };
}
