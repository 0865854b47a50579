import type { EntityManager } from 'typeorm';
import type { HypervisorRecord } from './hypervisors.read-model';
import { decodeCursor, Page, PageRequest, toPage } from './page';
import { iso } from './security-groups.read-model';

/** `GET /v1/hypervisors`: one page of registered agents, by id. */
export async function listHypervisorPage(m: EntityManager, page: PageRequest): Promise<Page<HypervisorRecord>> {
  const rows: Record<string, any>[] = await m.query(
    `SELECT * FROM rm_hypervisors WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [decodeCursor(page.cursor), page.limit + 1],
  );
  const records = rows.map((r) => ({ id: r.id, agentUrl: r.agent_url, version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) }));
  return toPage(records, page.limit);
}
