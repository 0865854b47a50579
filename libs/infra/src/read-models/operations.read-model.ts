import type { Operation, OperationState, OperationStatus } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { decodeCursor, Page, PageRequest, toPage } from './page';

export interface OperationRecord extends Operation {
  version: number;
}

export interface OperationFilter {
  tenant: string | null;
  status?: OperationStatus;
  resourceId?: string;
}

export async function findOperation(m: EntityManager, id: string, tenant: string | null): Promise<OperationRecord | null> {
  const rows = await m.query(`SELECT state, version FROM rm_operations WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`, [id, tenant]);
  return rows.length === 0 ? null : toOperation(rows[0]);
}

/** Newest first: ids are time-ordered, so keyset pagination runs over id descending. */
export async function listOperations(m: EntityManager, filter: OperationFilter, page: PageRequest): Promise<Page<OperationRecord>> {
  const rows = await m.query(
    `SELECT id, state, version FROM rm_operations
      WHERE ($1::text IS NULL OR tenant = $1) AND ($2::text IS NULL OR id < $2)
        AND ($4::text IS NULL OR status = $4) AND ($5::text IS NULL OR resource_id = $5)
      ORDER BY id DESC LIMIT $3`,
    [filter.tenant, decodeCursor(page.cursor), page.limit + 1, filter.status ?? null, filter.resourceId ?? null],
  );
  return toPage(rows.map(toOperation), page.limit);
}

/** The latest operation on a resource: a group's `propagation` follows it. */
export async function latestOperationStatus(m: EntityManager, resourceIds: readonly string[]): Promise<Map<string, OperationStatus>> {
  if (resourceIds.length === 0) return new Map();
  const rows: { resource_id: string; status: OperationStatus }[] = await m.query(
    `SELECT DISTINCT ON (resource_id) resource_id, status FROM rm_operations WHERE resource_id = ANY($1) ORDER BY resource_id, id DESC`,
    [resourceIds],
  );
  return new Map(rows.map((r) => [r.resource_id, r.status]));
}

function toOperation(r: { state: OperationState; version: number }): OperationRecord {
  if (r.state.status !== 'present') throw new Error('operation row without state');
  return { ...r.state.operation, version: r.version };
}

/** Operations with a target on this hypervisor that has not finished: a sync resolves them. */
export async function operationsWaitingOn(m: EntityManager, hypervisorId: string): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM rm_operations
      WHERE status IN ('queued', 'in-progress')
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(state->'operation'->'targets') t
                     WHERE t->>'hypervisorId' = $1 AND t->>'status' IN ('queued', 'in-progress'))
      ORDER BY id`,
    [hypervisorId],
  );
  return rows.map((r) => r.id);
}

/**
 * Hypervisors with a target that has waited longer than `olderThanMs` without news: the job that
 * would have resolved it may be gone (Redis lost it, a worker died twice mid-sync).
 */
export async function hypervisorsWithStaleTargets(m: EntityManager, olderThanMs: number): Promise<string[]> {
  const rows: { hypervisor_id: string }[] = await m.query(
    `SELECT DISTINCT t->>'hypervisorId' AS hypervisor_id
       FROM rm_operations, jsonb_array_elements(state->'operation'->'targets') t
      WHERE status IN ('queued', 'in-progress') AND t->>'status' IN ('queued', 'in-progress')
        AND updated_at < now() - $1::double precision * interval '1 millisecond'
      ORDER BY 1`,
    [olderThanMs],
  );
  return rows.map((r) => r.hypervisor_id);
}
