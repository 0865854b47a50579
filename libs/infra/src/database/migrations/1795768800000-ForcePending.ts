import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A resync asked for while a sync of the same hypervisor is already queued is folded into that
 * job by deduplication, which keeps the first job's data. The request is kept here instead, so
 * the next sync of the hypervisor pushes in full whichever job runs it.
 */
export class ForcePending1795768800000 implements MigrationInterface {
  name = 'ForcePending1795768800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hypervisor_states ADD COLUMN force_pending boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hypervisor_states DROP COLUMN force_pending`);
  }
}
