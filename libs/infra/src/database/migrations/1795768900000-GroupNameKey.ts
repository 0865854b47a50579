import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Group names are unique per VPC whatever their case. The domain checks it against the read
 * model, which two concurrent creations (or renames) can both pass; this index, written in the
 * same transaction as the events, lets only the first commit. `name_key` is the name as the
 * domain compares it (JavaScript's toLowerCase), written by the projection.
 */
export class GroupNameKey1795768900000 implements MigrationInterface {
  name = 'GroupNameKey1795768900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE rm_security_groups ADD COLUMN name_key text`);
    await q.query(`UPDATE rm_security_groups SET name_key = lower(name)`);
    await q.query(`ALTER TABLE rm_security_groups ALTER COLUMN name_key SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX rm_security_groups_vpc_name_uq ON rm_security_groups (vpc_id, name_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rm_security_groups_vpc_name_uq`);
    await q.query(`ALTER TABLE rm_security_groups DROP COLUMN name_key`);
  }
}
