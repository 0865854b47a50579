import { HypervisorReadModel, type HypervisorRecord, type Page, type PageRequest, type Transaction } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../event-store/postgres-transaction';
import { decodeCursor, toPage } from './page';
import { iso } from './security-groups.read-model';

export async function findHypervisor(m: EntityManager, id: string): Promise<HypervisorRecord | null> {
  const rows = await m.query(`SELECT * FROM rm_hypervisors WHERE id = $1`, [id]);
  return rows.length === 0 ? null : toHypervisor(rows[0]);
}

export async function listHypervisors(m: EntityManager): Promise<HypervisorRecord[]> {
  return (await m.query(`SELECT * FROM rm_hypervisors ORDER BY id`)).map(toHypervisor);
}

/** `GET /v1/hypervisors`: one page of registered agents, by id. */
export async function listHypervisorPage(m: EntityManager, page: PageRequest): Promise<Page<HypervisorRecord>> {
  const rows: Record<string, any>[] = await m.query(`SELECT * FROM rm_hypervisors WHERE ($1::text IS NULL OR id > $1) ORDER BY id LIMIT $2`, [
    decodeCursor(page.cursor),
    page.limit + 1,
  ]);
  return toPage(rows.map(toHypervisor), page.limit);
}

function toHypervisor(r: Record<string, any>): HypervisorRecord {
  return { id: r.id, agentUrl: r.agent_url, version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) };
}

export class PostgresHypervisorReadModel extends HypervisorReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  find(id: string, tx?: Transaction): Promise<HypervisorRecord | null> {
    return findHypervisor(managerOf(this.ds, tx), id);
  }

  all(): Promise<HypervisorRecord[]> {
    return listHypervisors(this.ds.manager);
  }

  page(page: PageRequest): Promise<Page<HypervisorRecord>> {
    return listHypervisorPage(this.ds.manager, page);
  }
}
