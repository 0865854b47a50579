import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The Neutron face's groups and VPCs. A group records whose conventions it follows (`product` or
 * `neutron`); Neutron's names need not be unique, so its groups have no `name_key` and the
 * per-VPC unique name index skips them. A VPC may be a project's VPC (`neutron`): one per tenant,
 * which a unique index keeps when two first requests of a project race. `rm_quotas` holds the
 * projects' quotas as set (null: the default).
 */
export class NeutronConventions1796100000000 implements MigrationInterface {
  name = 'NeutronConventions1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_security_groups ADD COLUMN conventions text NOT NULL DEFAULT 'product'`);
    await q.query(`ALTER TABLE rm_security_groups ALTER COLUMN name_key DROP NOT NULL`);
    await q.query(`ALTER TABLE rm_vpcs ADD COLUMN conventions text NOT NULL DEFAULT 'product'`);
    await q.query(`CREATE UNIQUE INDEX rm_vpcs_project_uq ON rm_vpcs (tenant) WHERE conventions = 'neutron'`);
    await q.query(`CREATE TABLE rm_quotas (tenant text PRIMARY KEY, security_groups int, security_group_rules int)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rm_quotas`);
    await q.query(`DROP INDEX rm_vpcs_project_uq`);
    await q.query(`ALTER TABLE rm_vpcs DROP COLUMN conventions`);
    await q.query(`DELETE FROM rm_security_groups WHERE name_key IS NULL`);
    await q.query(`ALTER TABLE rm_security_groups ALTER COLUMN name_key SET NOT NULL`);
    await q.query(`ALTER TABLE rm_security_groups DROP COLUMN conventions`);
  }
}
