import { type Page, type PageRequest, type Transaction, VpcReadModel, type VpcRecord } from '@sg/application';
import type { DataSource, EntityManager } from 'typeorm';
import { entityManagerOf, managerOf } from '../event-store/postgres-transaction';
import { decodeCursor, toPage } from './page';
import { iso } from './security-groups.read-model';

export async function findVpc(m: EntityManager, id: string, tenant: string | null): Promise<VpcRecord | null> {
  const rows = await m.query(`SELECT * FROM rm_vpcs WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`, [id, tenant]);
  return rows.length === 0 ? null : toVpc(rows[0]);
}

export async function listVpcs(m: EntityManager, tenant: string | null, page: PageRequest): Promise<Page<VpcRecord>> {
  const rows = await m.query(
    `SELECT * FROM rm_vpcs WHERE ($1::text IS NULL OR tenant = $1) AND ($2::text IS NULL OR id > $2) ORDER BY id LIMIT $3`,
    [tenant, decodeCursor(page.cursor), page.limit + 1],
  );
  return toPage(rows.map(toVpc), page.limit);
}

/** What stands in the way of deleting a VPC. */
export async function vpcContents(m: EntityManager, vpcId: string): Promise<{ instances: number; nonDefaultGroups: number }> {
  const [row] = await m.query(
    `SELECT (SELECT count(*) FROM rm_instances WHERE vpc_id = $1)::int AS instances,
            (SELECT count(*) FROM rm_security_groups WHERE vpc_id = $1 AND NOT is_default)::int AS groups`,
    [vpcId],
  );
  return { instances: row.instances, nonDefaultGroups: row.groups };
}

function toVpc(r: Record<string, any>): VpcRecord {
  return {
    id: r.id, tenant: r.tenant, name: r.name, cidr: r.cidr, defaultSecurityGroupId: r.default_security_group_id, conventions: r.conventions,
    version: r.version, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
  };
}

/** First key of the per-VPC advisory locks; the stream locks use 0x53470001. */
const VPC_LOCK_NAMESPACE = 0x53470002;

/** See VpcReadModel.lockLimits. */
export async function lockVpcLimits(tx: EntityManager, vpcId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(${VPC_LOCK_NAMESPACE}, hashtext($1))`, [vpcId]);
}

export class PostgresVpcReadModel extends VpcReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  find(id: string, tenant: string | null, tx?: Transaction): Promise<VpcRecord | null> {
    return findVpc(managerOf(this.ds, tx), id, tenant);
  }

  list(tenant: string | null, page: PageRequest): Promise<Page<VpcRecord>> {
    return listVpcs(this.ds.manager, tenant, page);
  }

  async projectVpc(tenant: string, tx?: Transaction): Promise<VpcRecord | null> {
    const rows = await managerOf(this.ds, tx).query(`SELECT * FROM rm_vpcs WHERE tenant = $1 AND conventions = 'neutron'`, [tenant]);
    return rows.length === 0 ? null : toVpc(rows[0]);
  }

  contents(vpcId: string): Promise<{ instances: number; nonDefaultGroups: number }> {
    return vpcContents(this.ds.manager, vpcId);
  }

  lockLimits(tx: Transaction, vpcId: string): Promise<void> {
    return lockVpcLimits(entityManagerOf(tx), vpcId);
  }
}
