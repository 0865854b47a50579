import type { EntityManager } from 'typeorm';
import { iso } from './security-groups.read-model';

export interface HypervisorRecord {
  id: string;
  agentUrl: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export async function findHypervisor(m: EntityManager, id: string): Promise<HypervisorRecord | null> {
  const rows = await m.query(`SELECT * FROM rm_hypervisors WHERE id = $1`, [id]);
  return rows.length === 0 ? null : toHypervisor(rows[0]);
}

export async function listHypervisors(m: EntityManager): Promise<HypervisorRecord[]> {
  return (await m.query(`SELECT * FROM rm_hypervisors ORDER BY id`)).map(toHypervisor);
}

function toHypervisor(r: Record<string, any>): HypervisorRecord {
  return { id: r.id, agentUrl: r.agent_url, version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}
