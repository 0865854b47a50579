import {
  type OperationFilter,
  OperationReadModel,
  type OperationRecord,
  type OperationStateRecord,
  type Page,
  type PageRequest,
  type Transaction,
} from '@sg/application';
import type { OperationState, OperationStatus } from '@sg/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../event-store/postgres-transaction';
import { requestIdsOfOperations } from '../observability/request-ids';
import { decodeCursor, toPage } from './page';

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

export async function operationsFailedOn(m: EntityManager, hypervisorId: string, limit: number): Promise<string[]> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM rm_operations
      WHERE status = 'failed'
        AND EXISTS (SELECT 1 FROM jsonb_array_elements(state->'operation'->'targets') t
                     WHERE t->>'hypervisorId' = $1 AND t->>'status' = 'failed')
      ORDER BY id LIMIT $2`,
    [hypervisorId, limit],
  );
  return rows.map((r) => r.id);
}

export async function hypervisorsWithFailedTargets(m: EntityManager): Promise<string[]> {
  const rows: { hypervisor_id: string }[] = await m.query(
    `SELECT DISTINCT t->>'hypervisorId' AS hypervisor_id
       FROM rm_operations, jsonb_array_elements(state->'operation'->'targets') t
      WHERE status = 'failed' AND t->>'status' = 'failed'
      ORDER BY 1`,
  );
  return rows.map((r) => r.hypervisor_id);
}

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

/**
 * The operation a resource's `propagation` followed at a past instant: the newest one opened at or
 * before it. Operations share the clock of the change that opened them (`createdAt` is the
 * change's `at`), so the comparison is on that clock.
 */
export async function latestOperationIdAsOf(m: EntityManager, resourceId: string, instant: Date): Promise<string | null> {
  const rows: { id: string }[] = await m.query(
    `SELECT id FROM rm_operations WHERE resource_id = $1 AND created_at <= $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [resourceId, instant],
  );
  return rows[0]?.id ?? null;
}

export class PostgresOperationReadModel extends OperationReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  find(id: string, tenant: string | null, tx?: Transaction): Promise<OperationRecord | null> {
    return findOperation(managerOf(this.ds, tx), id, tenant);
  }

  list(filter: OperationFilter, page: PageRequest): Promise<Page<OperationRecord>> {
    return listOperations(this.ds.manager, filter, page);
  }

  latestStatus(resourceIds: readonly string[]): Promise<Map<string, OperationStatus>> {
    return latestOperationStatus(this.ds.manager, resourceIds);
  }

  latestIdAsOf(resourceId: string, instant: Date): Promise<string | null> {
    return latestOperationIdAsOf(this.ds.manager, resourceId, instant);
  }

  waitingOn(hypervisorId: string): Promise<string[]> {
    return operationsWaitingOn(this.ds.manager, hypervisorId);
  }

  hypervisorsWithStaleTargets(olderThanMs: number): Promise<string[]> {
    return hypervisorsWithStaleTargets(this.ds.manager, olderThanMs);
  }

  failedOn(hypervisorId: string, limit: number): Promise<string[]> {
    return operationsFailedOn(this.ds.manager, hypervisorId, limit);
  }

  hypervisorsWithFailedTargets(): Promise<string[]> {
    return hypervisorsWithFailedTargets(this.ds.manager);
  }

  async states(ids: readonly string[]): Promise<OperationStateRecord[]> {
    if (ids.length === 0) return [];
    return this.ds.query(`SELECT id, tenant, state, version FROM rm_operations WHERE id = ANY($1) ORDER BY id`, [ids]);
  }

  async countByStatus(): Promise<Map<OperationStatus, number>> {
    const rows: { status: OperationStatus; n: number }[] = await this.ds.query(`SELECT status, count(*)::int AS n FROM rm_operations GROUP BY status`);
    return new Map(rows.map((r) => [r.status, r.n]));
  }

  requestIdsOf(operationIds: readonly string[]): Promise<Map<string, string[]>> {
    return requestIdsOfOperations(this.ds.manager, operationIds);
  }
}
