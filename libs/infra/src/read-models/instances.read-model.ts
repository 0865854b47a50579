import { type InstanceFilter, InstanceReadModel, type InstanceRecord, type Page, type PageRequest, type StateEntriesOptions, type Transaction } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../event-store/postgres-transaction';
import { decodeCursor, toPage } from './page';
import { iso } from './security-groups.read-model';

export async function findInstance(m: EntityManager, id: string, tenant: string | null): Promise<InstanceRecord | null> {
  const rows = await m.query(`SELECT * FROM rm_instances WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`, [id, tenant]);
  return rows.length === 0 ? null : toInstance(rows[0]);
}

export async function findInstances(m: EntityManager, ids: readonly string[], tenant: string | null): Promise<InstanceRecord[]> {
  if (ids.length === 0) return [];
  const rows = await m.query(`SELECT * FROM rm_instances WHERE id = ANY($1) AND ($2::text IS NULL OR tenant = $2) ORDER BY id`, [ids, tenant]);
  return rows.map(toInstance);
}

export async function listInstances(m: EntityManager, filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>> {
  const params: unknown[] = [filter.tenant, decodeCursor(page.cursor), page.limit + 1];
  const where = ['($1::text IS NULL OR tenant = $1)', '($2::text IS NULL OR id > $2)'];
  if (filter.vpcId) {
    params.push(filter.vpcId);
    where.push(`vpc_id = $${params.length}`);
  }
  if (filter.hypervisorId) {
    params.push(filter.hypervisorId);
    where.push(`hypervisor_id = $${params.length}`);
  }
  const rows = await m.query(`SELECT * FROM rm_instances WHERE ${where.join(' AND ')} ORDER BY id LIMIT $3`, params);
  return toPage(rows.map(toInstance), page.limit);
}

export async function instancesOfVpc(m: EntityManager, vpcId: string): Promise<InstanceRecord[]> {
  return (await m.query(`SELECT * FROM rm_instances WHERE vpc_id = $1 ORDER BY id`, [vpcId])).map(toInstance);
}

export async function instancesOnHypervisor(m: EntityManager, hypervisorId: string): Promise<InstanceRecord[]> {
  return (await m.query(`SELECT * FROM rm_instances WHERE hypervisor_id = $1 ORDER BY id`, [hypervisorId])).map(toInstance);
}

function toInstance(r: Record<string, any>): InstanceRecord {
  return {
    id: r.id, tenant: r.tenant, vpcId: r.vpc_id, hypervisorId: r.hypervisor_id, name: r.name, ipv4: r.ipv4, ipv6: r.ipv6,
    version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

export class PostgresInstanceReadModel extends InstanceReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  find(id: string, tenant: string | null, tx?: Transaction): Promise<InstanceRecord | null> {
    return findInstance(managerOf(this.ds, tx), id, tenant);
  }

  findMany(ids: readonly string[], tenant: string | null): Promise<InstanceRecord[]> {
    return findInstances(this.ds.manager, ids, tenant);
  }

  list(filter: InstanceFilter, page: PageRequest): Promise<Page<InstanceRecord>> {
    return listInstances(this.ds.manager, filter, page);
  }

  ofVpc(vpcId: string, tx?: Transaction): Promise<InstanceRecord[]> {
    return instancesOfVpc(managerOf(this.ds, tx), vpcId);
  }

  onHypervisor(hypervisorId: string): Promise<InstanceRecord[]> {
    return instancesOnHypervisor(this.ds.manager, hypervisorId);
  }

  stateEntriesOfTenant(tenant: string, options: StateEntriesOptions = {}): Promise<Map<string, number>> {
    return tenantStateEntries(managerOf(this.ds, options.tx), tenant, options);
  }
}

/** See InstanceReadModel.stateEntriesOfTenant: `sg_tenant_state_entries` (migration TenantStateEntries1796400000000). */
export async function tenantStateEntries(m: EntityManager, tenant: string, options: Omit<StateEntriesOptions, 'tx'> = {}): Promise<Map<string, number>> {
  const rows: { hypervisor_id: string; entries: string }[] = await m.query(`SELECT hypervisor_id, entries FROM sg_tenant_state_entries($1, $2, $3)`, [
    tenant,
    options.lock === true,
    options.hypervisors ?? null,
  ]);
  return new Map(rows.map((r) => [r.hypervisor_id, Number(r.entries)]));
}
