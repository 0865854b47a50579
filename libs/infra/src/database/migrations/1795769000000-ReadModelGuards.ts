import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rules that span streams, kept by the database inside the append's transaction. A decision
 * reads the read models and then appends to its own streams; a writer of other streams can
 * commit in between, and neither stream's expected version sees it. These constraints let only
 * the first of two such writers commit; the second fails (a read-model clash), is decided again
 * on what the first wrote, and gets its refusal:
 * - an address belongs to one instance of a VPC (two registrations of one address);
 * - an instance and a group live in a VPC that exists (a registration or a creation racing the
 *   VPC's deletion);
 * - a group is applied only to instances that exist (an attachment racing the instance's deletion);
 * - a rule's remote group exists (a reference racing the group's deletion).
 * The foreign keys are checked at commit: inline projections write their tables one after the
 * other, so within a transaction a row may come before the row it names.
 */
export class ReadModelGuards1795769000000 implements MigrationInterface {
  name = 'ReadModelGuards1795769000000';

  async up(q: QueryRunner): Promise<void> {
    const problems = [
      ...(await q.query(`SELECT vpc_id, ipv4 AS address, array_agg(id ORDER BY id) AS ids FROM rm_instances WHERE ipv4 IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1`)),
      ...(await q.query(`SELECT vpc_id, ipv6 AS address, array_agg(id ORDER BY id) AS ids FROM rm_instances WHERE ipv6 IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1`)),
    ].map((r: { vpc_id: string; address: string; ids: string[] }) => `${r.ids.join(', ')} share ${r.address} in ${r.vpc_id}`);
    const dangling: [string, string][] = [
      [`SELECT i.id FROM rm_instances i LEFT JOIN rm_vpcs v ON v.id = i.vpc_id WHERE v.id IS NULL`, 'instance of a deleted VPC'],
      [`SELECT g.id FROM rm_security_groups g LEFT JOIN rm_vpcs v ON v.id = g.vpc_id WHERE v.id IS NULL`, 'group of a deleted VPC'],
      [`SELECT a.group_id || ' → ' || a.instance_id AS id FROM rm_applied_instances a LEFT JOIN rm_instances i ON i.id = a.instance_id WHERE i.id IS NULL`, 'group applied to a deleted instance'],
      [`SELECT r.id FROM rm_security_group_rules r LEFT JOIN rm_security_groups g ON g.id = r.remote_group_id WHERE r.remote_group_id IS NOT NULL AND g.id IS NULL`, 'rule naming a deleted group'],
    ];
    for (const [sql, what] of dangling) {
      for (const row of await q.query(sql)) problems.push(`${what}: ${row.id}`);
    }
    if (problems.length > 0) {
      // Written before these guards by racing requests: the events say so too, so a person must
      // decide what each should be (delete the instance, detach the group, remove the rule).
      throw new Error(`The read models break rules these constraints keep; mend each, then migrate again: ${problems.join('; ')}`);
    }
    await q.query(`CREATE UNIQUE INDEX rm_instances_vpc_ipv4_uq ON rm_instances (vpc_id, ipv4) WHERE ipv4 IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX rm_instances_vpc_ipv6_uq ON rm_instances (vpc_id, ipv6) WHERE ipv6 IS NOT NULL`);
    await q.query(`ALTER TABLE rm_instances ADD CONSTRAINT rm_instances_vpc_fk FOREIGN KEY (vpc_id) REFERENCES rm_vpcs (id) DEFERRABLE INITIALLY DEFERRED`);
    await q.query(`ALTER TABLE rm_security_groups ADD CONSTRAINT rm_security_groups_vpc_fk FOREIGN KEY (vpc_id) REFERENCES rm_vpcs (id) DEFERRABLE INITIALLY DEFERRED`);
    await q.query(
      `ALTER TABLE rm_applied_instances ADD CONSTRAINT rm_applied_instances_instance_fk FOREIGN KEY (instance_id) REFERENCES rm_instances (id) DEFERRABLE INITIALLY DEFERRED`,
    );
    await q.query(
      `ALTER TABLE rm_security_group_rules ADD CONSTRAINT rm_security_group_rules_remote_group_fk FOREIGN KEY (remote_group_id) REFERENCES rm_security_groups (id) DEFERRABLE INITIALLY DEFERRED`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_security_group_rules DROP CONSTRAINT rm_security_group_rules_remote_group_fk`);
    await q.query(`ALTER TABLE rm_applied_instances DROP CONSTRAINT rm_applied_instances_instance_fk`);
    await q.query(`ALTER TABLE rm_security_groups DROP CONSTRAINT rm_security_groups_vpc_fk`);
    await q.query(`ALTER TABLE rm_instances DROP CONSTRAINT rm_instances_vpc_fk`);
    await q.query(`DROP INDEX rm_instances_vpc_ipv6_uq`);
    await q.query(`DROP INDEX rm_instances_vpc_ipv4_uq`);
  }
}
