import { type GroupFilter, type GroupRecord, type Page, type PageRequest, SecurityGroupReadModel, type Transaction } from '@sg/application';
import type { Rule } from '@sg/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { managerOf } from '../event-store/postgres-transaction';
import { ruleFromRow } from '../projections/security-group.projection';
import { decodeCursor, toPage } from './page';

export async function findGroup(m: EntityManager, id: string, tenant: string | null): Promise<GroupRecord | null> {
  const rows = await m.query(`SELECT * FROM rm_security_groups WHERE id = $1 AND ($2::text IS NULL OR tenant = $2)`, [id, tenant]);
  return rows.length === 0 ? null : (await hydrate(m, rows))[0];
}

export async function listGroups(m: EntityManager, filter: GroupFilter, page: PageRequest): Promise<Page<GroupRecord>> {
  const params: unknown[] = [filter.tenant, decodeCursor(page.cursor), page.limit + 1];
  const where = ['($1::text IS NULL OR tenant = $1)', '($2::text IS NULL OR id > $2)'];
  if (filter.vpcId) {
    params.push(filter.vpcId);
    where.push(`vpc_id = $${params.length}`);
  }
  if (filter.conventions) {
    params.push(filter.conventions);
    where.push(`conventions = $${params.length}`);
  }
  if (filter.tag) {
    params.push(filter.tag.value === undefined ? filter.tag.key : JSON.stringify({ [filter.tag.key]: filter.tag.value }));
    where.push(filter.tag.value === undefined ? `tags ? $${params.length}` : `tags @> $${params.length}::jsonb`);
  }
  const rows = await m.query(`SELECT * FROM rm_security_groups WHERE ${where.join(' AND ')} ORDER BY id LIMIT $3`, params);
  return toPage(await hydrate(m, rows), page.limit);
}

export async function groupsOfVpc(m: EntityManager, vpcId: string): Promise<GroupRecord[]> {
  return hydrate(m, await m.query(`SELECT * FROM rm_security_groups WHERE vpc_id = $1 ORDER BY id`, [vpcId]));
}

/** Of the rules only those naming a remote group: reading every rule of every group on each write made writes O(rules in the VPC). */
export async function groupsOfVpcForChanges(m: EntityManager, vpcId: string): Promise<GroupRecord[]> {
  return hydrate(m, await m.query(`SELECT * FROM rm_security_groups WHERE vpc_id = $1 ORDER BY id`, [vpcId]), { remoteGroupRulesOnly: true });
}

/** Groups (other than itself) whose rules name `groupId` as their remote. */
export async function groupsReferencing(m: EntityManager, groupId: string): Promise<string[]> {
  const rows: { group_id: string }[] = await m.query(
    `SELECT DISTINCT group_id FROM rm_security_group_rules WHERE remote_group_id = $1 AND group_id <> $1 ORDER BY group_id`,
    [groupId],
  );
  return rows.map((r) => r.group_id);
}

async function hydrate(m: EntityManager, rows: Record<string, any>[], options: { remoteGroupRulesOnly?: boolean } = {}): Promise<GroupRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  // One round trip for the rules and both applied-to lists: this runs on every group write.
  const parts: { kind: 'r' | 'i' | 'c'; group_id: string; row: Record<string, any> }[] = await m.query(
    `SELECT 'r' AS kind, group_id, ordinal, to_jsonb(x) AS row FROM rm_security_group_rules x
      WHERE group_id = ANY($1) AND (NOT $2 OR remote_group_id IS NOT NULL)
     UNION ALL SELECT 'i', group_id, ordinal, to_jsonb(x) FROM rm_applied_instances x WHERE group_id = ANY($1)
     UNION ALL SELECT 'c', group_id, ordinal, to_jsonb(x) FROM rm_applied_cidrs x WHERE group_id = ANY($1)
     ORDER BY kind, group_id, ordinal`,
    [ids, options.remoteGroupRulesOnly === true],
  );
  const rulesBy = new Map<string, Rule[]>();
  const instancesBy = new Map<string, string[]>();
  const cidrsBy = new Map<string, string[]>();
  const add = <T>(map: Map<string, T[]>, key: string, value: T) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  for (const p of parts) {
    if (p.kind === 'r') add(rulesBy, p.group_id, ruleFromRow(p.row));
    else if (p.kind === 'i') add(instancesBy, p.group_id, p.row.instance_id as string);
    else add(cidrsBy, p.group_id, p.row.cidr as string);
  }
  return rows.map((r) => ({
    id: r.id,
    tenant: r.tenant,
    vpcId: r.vpc_id,
    name: r.name,
    description: r.description,
    tags: r.tags,
    isDefault: r.is_default,
    conventions: r.conventions,
    version: r.version,
    rules: rulesBy.get(r.id) ?? [],
    appliedTo: { instanceIds: instancesBy.get(r.id) ?? [], cidrs: cidrsBy.get(r.id) ?? [] },
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }));
}

export function iso(d: Date | string): string {
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export class PostgresSecurityGroupReadModel extends SecurityGroupReadModel {
  constructor(private readonly ds: DataSource) {
    super();
  }

  find(id: string, tenant: string | null): Promise<GroupRecord | null> {
    return findGroup(this.ds.manager, id, tenant);
  }

  list(filter: GroupFilter, page: PageRequest): Promise<Page<GroupRecord>> {
    return listGroups(this.ds.manager, filter, page);
  }

  ofVpc(vpcId: string, tx?: Transaction): Promise<GroupRecord[]> {
    return groupsOfVpc(managerOf(this.ds, tx), vpcId);
  }

  ofVpcForChanges(vpcId: string, tx?: Transaction): Promise<GroupRecord[]> {
    return groupsOfVpcForChanges(managerOf(this.ds, tx), vpcId);
  }

  referencing(groupId: string): Promise<string[]> {
    return groupsReferencing(this.ds.manager, groupId);
  }

  async groupIdOfRule(ruleId: string): Promise<string | null> {
    const rows: { group_id: string }[] = await this.ds.manager.query(`SELECT group_id FROM rm_security_group_rules WHERE id = $1`, [ruleId]);
    return rows[0]?.group_id ?? null;
  }
}
