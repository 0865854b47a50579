import { type FindingFilter, FindingReadModel, type FindingRecord, type Page, type PageRequest } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { decodeCursor, toPage } from './page';

const COLUMNS = `id, tenant, check_id, severity, resource_type, resource_id, group_id, instance_id, status, details, opened_at, opened_by, closed_at, closed_by`;

interface Row {
  id: string;
  tenant: string;
  check_id: FindingRecord['check'];
  severity: FindingRecord['severity'];
  resource_type: FindingRecord['resource']['type'];
  resource_id: string;
  group_id: string;
  instance_id: string | null;
  status: FindingRecord['status'];
  details: Record<string, unknown>;
  opened_at: Date;
  opened_by: FindingRecord['openedBy'];
  closed_at: Date | null;
  closed_by: FindingRecord['closedBy'];
}

function toFinding(r: Row): FindingRecord {
  return {
    id: r.id, tenant: r.tenant, check: r.check_id, severity: r.severity, resource: { type: r.resource_type, id: r.resource_id }, groupId: r.group_id, instanceId: r.instance_id,
    status: r.status, details: r.details, openedAt: r.opened_at, openedBy: r.opened_by, closedAt: r.closed_at, closedBy: r.closed_by,
  };
}

/** Newest first: ids begin with the opening event's position, so keyset pagination runs over id descending. */
export async function listFindings(m: EntityManager, filter: FindingFilter, page: PageRequest): Promise<Page<FindingRecord>> {
  const rows: Row[] = await m.query(
    `SELECT ${COLUMNS} FROM rm_findings
      WHERE ($1::text IS NULL OR tenant = $1) AND ($2::text IS NULL OR id < $2)
        AND ($4::text IS NULL OR status = $4) AND ($5::text IS NULL OR group_id = $5)
      ORDER BY id DESC LIMIT $3`,
    [filter.tenant, decodeCursor(page.cursor), page.limit + 1, filter.status ?? null, filter.groupId ?? null],
  );
  return toPage(rows.map(toFinding), page.limit);
}

export class PostgresFindingReadModel extends FindingReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  list(filter: FindingFilter, page: PageRequest): Promise<Page<FindingRecord>> {
    return listFindings(this.ds.manager, filter, page);
  }

  async openedAt(positions: readonly string[]): Promise<FindingRecord[]> {
    if (positions.length === 0) return [];
    const rows: Row[] = await this.ds.query(`SELECT ${COLUMNS} FROM rm_findings WHERE opened_position = ANY($1::bigint[]) ORDER BY opened_position, id`, [positions]);
    return rows.map(toFinding);
  }
}
