import { Rule, SecurityGroupEventTypes as T } from '@sg/domain';
import type { EntityManager } from 'typeorm';
import { SecurityGroupEvents, type StoredEvent } from '@sg/application';
import type { InlineProjection } from '../event-store/inline-projection';

/**
 * `rm_security_groups` with its rules and applied-to lists. Ordinals keep the order in which
 * rules and attachments arrived, so lists read back the way the console showed them.
 */
export const securityGroupProjection: InlineProjection = {
  name: 'security-groups',
  handles: (type) => SecurityGroupEvents.handles(type),
  async apply(tx: EntityManager, events: readonly StoredEvent[]) {
    // Consecutive RulesAdded (a rebuild's page, a group commit batch) go in one statement.
    let run: { groupId: string; rules: readonly Rule[]; version: number; at: string }[] = [];
    const flushRun = async () => {
      if (run.length === 1) await insertRules(tx, run[0].groupId, run[0].rules, { version: run[0].version, at: run[0].at });
      else if (run.length > 1) await insertRuleRun(tx, run);
      run = [];
    };
    for (const stored of events) {
      const e = SecurityGroupEvents.decode(stored);
      const id = e.data.groupId;
      if (e.type === T.RulesAdded) {
        // The commonest change: the group's version and its new rules in one statement.
        run.push({ groupId: id, rules: e.data.rules, version: stored.version, at: e.data.at });
        continue;
      }
      await flushRun();
      if (e.type === T.Created) {
        const d = e.data;
        await tx.query(
          `INSERT INTO rm_security_groups (id, tenant, vpc_id, name, name_key, description, tags, is_default, version, created_at, updated_at, conventions)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11)`,
          // Neutron's names need not be unique: no key, so the unique name index skips the group.
          [id, d.tenant, d.vpcId, d.name, d.conventions === 'neutron' ? null : nameKey(d.name), d.description, JSON.stringify(d.tags), d.isDefault, stored.version, d.at, d.conventions ?? 'product'],
        );
        continue;
      }
      if (e.type === T.Deleted) {
        await tx.query(`DELETE FROM rm_security_group_rules WHERE group_id = $1`, [id]);
        await tx.query(`DELETE FROM rm_applied_instances WHERE group_id = $1`, [id]);
        await tx.query(`DELETE FROM rm_applied_cidrs WHERE group_id = $1`, [id]);
        await tx.query(`DELETE FROM rm_security_groups WHERE id = $1`, [id]);
        continue;
      }
      await tx.query(`UPDATE rm_security_groups SET version = $2, updated_at = $3 WHERE id = $1`, [id, stored.version, e.data.at]);
      switch (e.type) {
        case T.Updated: {
          const { name, description, tags } = e.data;
          await tx.query(
            `UPDATE rm_security_groups SET name = COALESCE($2, name), name_key = CASE WHEN conventions = 'neutron' THEN NULL ELSE COALESCE($5, name_key) END, description = COALESCE($3, description), tags = COALESCE($4::jsonb, tags) WHERE id = $1`,
            [id, name ?? null, description ?? null, tags === undefined ? null : JSON.stringify(tags), name === undefined ? null : nameKey(name)],
          );
          break;
        }
        case T.RulesRemoved:
          await tx.query(`DELETE FROM rm_security_group_rules WHERE group_id = $1 AND id = ANY($2)`, [id, e.data.ruleIds]);
          break;
        case T.RulesReplaced:
          await tx.query(`DELETE FROM rm_security_group_rules WHERE group_id = $1 AND id = ANY($2)`, [id, e.data.removedRuleIds]);
          await insertRules(tx, id, e.data.added);
          break;
        case T.AppliedToChanged: {
          const d = e.data;
          await tx.query(`DELETE FROM rm_applied_instances WHERE group_id = $1 AND instance_id = ANY($2)`, [id, d.instanceIdsRemoved]);
          await tx.query(`DELETE FROM rm_applied_cidrs WHERE group_id = $1 AND cidr = ANY($2)`, [id, d.cidrsRemoved]);
          await appendOrdered(tx, 'rm_applied_instances', 'instance_id', id, d.instanceIdsAdded);
          await appendOrdered(tx, 'rm_applied_cidrs', 'cidr', id, d.cidrsAdded);
          break;
        }
      }
    }
    await flushRun();
  },
};

/** A name as the domain compares names (unique per VPC whatever their case). */
function nameKey(name: string): string {
  return name.toLowerCase();
}

async function insertRules(tx: EntityManager, groupId: string, rules: readonly Rule[], touch?: { version: number; at: string }): Promise<void> {
  if (rules.length === 0 && !touch) return;
  // With `touch`, the group's version and time are set by the same statement (a data-modifying CTE runs whatever the rest returns).
  await tx.query(
    `${touch ? 'WITH touched AS (UPDATE rm_security_groups SET version = $3, updated_at = $4 WHERE id = $1) ' : ''}INSERT INTO rm_security_group_rules
       (id, group_id, ordinal, direction, protocol, port_from, port_to, icmp_type, icmp_code, ip_version, remote, remote_group_id, description)
     SELECT r.id, $1, (SELECT COALESCE(MAX(ordinal), 0) FROM rm_security_group_rules WHERE group_id = $1) + r.n, r.direction, r.protocol, r.port_from, r.port_to, r.icmp_type, r.icmp_code, r.ip_version, r.remote, r.remote_group_id, r.description
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, direction text, protocol text, port_from int, port_to int,
       icmp_type int, icmp_code int, ip_version text, remote text, remote_group_id text, description text, n int)`,
    [
      groupId,
      JSON.stringify(
        rules.map((r, i) => ({ n: i + 1, ...ruleRow(r) })),
      ),
      ...(touch ? [touch.version, touch.at] : []),
    ],
  );
}

/**
 * Several RulesAdded, in order, in one statement: each group's version and time set to its last
 * event's, and the rules numbered after the group's last ordinal (the subquery sees the table as
 * it was before the statement, so the numbering runs on across the events of one group).
 */
async function insertRuleRun(tx: EntityManager, run: readonly { groupId: string; rules: readonly Rule[]; version: number; at: string }[]): Promise<void> {
  const last = new Map<string, { id: string; version: number; at: string }>();
  const counts = new Map<string, number>();
  const rows = run.flatMap(({ groupId, rules, version, at }) => {
    last.set(groupId, { id: groupId, version, at });
    return rules.map((r) => {
      const n = (counts.get(groupId) ?? 0) + 1;
      counts.set(groupId, n);
      return { ...ruleRow(r), group_id: groupId, n };
    });
  });
  await tx.query(
    `WITH touched AS (
       UPDATE rm_security_groups g SET version = t.version, updated_at = t.at
         FROM jsonb_to_recordset($1::jsonb) AS t(id text, version int, at timestamptz) WHERE g.id = t.id)
     INSERT INTO rm_security_group_rules
       (id, group_id, ordinal, direction, protocol, port_from, port_to, icmp_type, icmp_code, ip_version, remote, remote_group_id, description)
     SELECT r.id, r.group_id, (SELECT COALESCE(MAX(ordinal), 0) FROM rm_security_group_rules WHERE group_id = r.group_id) + r.n, r.direction, r.protocol, r.port_from, r.port_to, r.icmp_type, r.icmp_code, r.ip_version, r.remote, r.remote_group_id, r.description
     FROM jsonb_to_recordset($2::jsonb) AS r(id text, group_id text, direction text, protocol text, port_from int, port_to int,
       icmp_type int, icmp_code int, ip_version text, remote text, remote_group_id text, description text, n int)`,
    [JSON.stringify([...last.values()]), JSON.stringify(rows)],
  );
}

function ruleRow(r: Rule) {
  return {
    id: r.id, direction: r.direction, protocol: r.protocol, port_from: r.portRange?.from ?? null, port_to: r.portRange?.to ?? null,
    icmp_type: r.icmp?.type ?? null, icmp_code: r.icmp?.code ?? null, ip_version: r.ipVersion, remote: r.remote,
    remote_group_id: r.remoteGroupId, description: r.description,
  };
}

async function appendOrdered(tx: EntityManager, table: 'rm_applied_instances' | 'rm_applied_cidrs', column: string, groupId: string, values: readonly string[]): Promise<void> {
  if (values.length === 0) return;
  await tx.query(
    `INSERT INTO ${table} (group_id, ${column}, ordinal)
     SELECT $1, v, (SELECT COALESCE(MAX(ordinal), 0) FROM ${table} WHERE group_id = $1) + n
     FROM unnest($2::text[]) WITH ORDINALITY AS t(v, n)
     ON CONFLICT DO NOTHING`,
    [groupId, values],
  );
}

/** Reads a rule row back into the domain's shape. */
export function ruleFromRow(row: Record<string, any>): Rule {
  return {
    id: row.id,
    direction: row.direction,
    protocol: row.protocol,
    portRange: row.port_from === null ? null : { from: row.port_from, to: row.port_to },
    icmp: row.icmp_type === null ? null : { type: row.icmp_type, code: row.icmp_code },
    ipVersion: row.ip_version,
    remote: row.remote,
    remoteGroupId: row.remote_group_id,
    description: row.description,
  };
}
