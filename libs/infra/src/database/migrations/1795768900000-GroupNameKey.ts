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
    // Filled with the domain's own lower-casing: SQL lower() follows the server's locale and
    // differs from JavaScript's on some letters (a final sigma, a dotted capital I).
    const rows: { id: string; vpc_id: string; name: string }[] = await q.query(`SELECT id, vpc_id, name FROM rm_security_groups`);
    const keyed = rows.map((r) => ({ id: r.id, vpcId: r.vpc_id, name: r.name, key: r.name.toLowerCase() }));
    const seen = new Map<string, string>();
    const clashes = keyed.flatMap((r) => {
      const other = seen.get(JSON.stringify([r.vpcId, r.key]));
      seen.set(JSON.stringify([r.vpcId, r.key]), r.id);
      return other ? [`${other} and ${r.id} ("${r.name}") in ${r.vpcId}`] : [];
    });
    if (clashes.length > 0) {
      // Written before this guard by two racing requests: a person must rename one of each pair.
      throw new Error(`Security groups share a name in one VPC; rename one of each pair, then migrate again: ${clashes.join('; ')}`);
    }
    if (keyed.length > 0) {
      await q.query(`UPDATE rm_security_groups g SET name_key = k.key FROM jsonb_to_recordset($1::jsonb) AS k(id text, key text) WHERE g.id = k.id`, [
        JSON.stringify(keyed.map((r) => ({ id: r.id, key: r.key }))),
      ]);
    }
    await q.query(`ALTER TABLE rm_security_groups ALTER COLUMN name_key SET NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX rm_security_groups_vpc_name_uq ON rm_security_groups (vpc_id, name_key)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX rm_security_groups_vpc_name_uq`);
    await q.query(`ALTER TABLE rm_security_groups DROP COLUMN name_key`);
  }
}
