import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `sg_tenant_state_entries(tenant, lock, hypervisors)`: the entries one tenant's ports put in each
 * hypervisor's desired state, counted as the domain's stateEntriesByHypervisor counts them (one
 * per rule of each group on each port there, plus one per member address of each remote group
 * those rules name), over all the tenant's VPCs; only on `hypervisors` (null: on every one). With `lock`, it first takes the tenant's state-budget lock
 * (advisory, until the transaction ends) and counts after it: a plpgsql function counts in a
 * statement of its own, so under READ COMMITTED the count sees every earlier holder's committed
 * change. The recheck of the budget inside an append's transaction is then one round trip.
 */
export class TenantStateEntries1796400000000 implements MigrationInterface {
  name = 'TenantStateEntries1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION sg_tenant_state_entries(p_tenant text, p_lock boolean, p_hypervisors text[])
        RETURNS TABLE (hypervisor_id text, entries bigint)
        LANGUAGE plpgsql VOLATILE SECURITY INVOKER
      AS $fn$
      BEGIN
        IF p_lock THEN
          -- 0x53470004: the state-budget locks (streams 0x53470001, VPCs 0x53470002, quotas 0x53470003).
          PERFORM pg_advisory_xact_lock(1397161988, hashtext(p_tenant));
        END IF;
        RETURN QUERY
        WITH inst AS (
          SELECT i.id, i.vpc_id, i.hypervisor_id, i.ipv4::inet AS v4, i.ipv6::inet AS v6
            FROM rm_instances i
           WHERE i.tenant = p_tenant AND (p_hypervisors IS NULL OR i.hypervisor_id = ANY (p_hypervisors))
        ), att AS (
          SELECT i.hypervisor_id AS hv, g.id AS group_id
            FROM inst i JOIN rm_security_groups g ON g.vpc_id = i.vpc_id AND g.tenant = p_tenant
           WHERE EXISTS (SELECT 1 FROM rm_applied_instances a WHERE a.group_id = g.id AND a.instance_id = i.id)
              OR EXISTS (SELECT 1 FROM rm_applied_cidrs c WHERE c.group_id = g.id AND (c.cidr::inet >>= i.v4 OR c.cidr::inet >>= i.v6))
        ), rules AS (
          SELECT att.hv, count(*) AS n FROM att JOIN rm_security_group_rules r ON r.group_id = att.group_id GROUP BY att.hv
        ), remotes AS (
          SELECT DISTINCT att.hv, r.remote_group_id FROM att JOIN rm_security_group_rules r ON r.group_id = att.group_id WHERE r.remote_group_id IS NOT NULL
        ), members AS (
          -- A remote group's members are wherever they run: every instance of its VPC it applies to.
          SELECT g.id AS group_id, sum((m.ipv4 IS NOT NULL)::int + (m.ipv6 IS NOT NULL)::int) AS n
            FROM (SELECT DISTINCT remotes.remote_group_id FROM remotes) x
            JOIN rm_security_groups g ON g.id = x.remote_group_id
            JOIN rm_instances m ON m.vpc_id = g.vpc_id
           WHERE EXISTS (SELECT 1 FROM rm_applied_instances a WHERE a.group_id = g.id AND a.instance_id = m.id)
              OR EXISTS (SELECT 1 FROM rm_applied_cidrs c WHERE c.group_id = g.id AND (c.cidr::inet >>= m.ipv4::inet OR c.cidr::inet >>= m.ipv6::inet))
           GROUP BY g.id
        ), sets AS (
          SELECT x.hv, sum(m.n) AS n FROM remotes x JOIN members m ON m.group_id = x.remote_group_id GROUP BY x.hv
        )
        SELECT rules.hv, (rules.n + COALESCE(sets.n, 0))::bigint FROM rules LEFT JOIN sets ON sets.hv = rules.hv;
      END
      $fn$
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION sg_tenant_state_entries(text, boolean, text[])`);
  }
}
