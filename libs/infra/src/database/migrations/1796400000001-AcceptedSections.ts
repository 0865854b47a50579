import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * hypervisor_sections: per hypervisor and tenant, the part of the state the hypervisor's agent
 * last accepted (its ports and remote groups, and their hash). When the agent refuses a state (too
 * large, say), the worker holds the tenants whose part changed at these and pushes the others'
 * parts as they are now (docs/reliability.md).
 */
export class AcceptedSections1796400000001 implements MigrationInterface {
  name = 'AcceptedSections1796400000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hypervisor_sections (
        hypervisor_id text        NOT NULL,
        tenant        text        NOT NULL,
        hash          text        NOT NULL,
        section       jsonb       NOT NULL,
        updated_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (hypervisor_id, tenant)
      )
    `);
    // A hypervisor's row in hypervisor_states says whether its sections were recorded since this table began.
    await q.query(`ALTER TABLE hypervisor_states ADD COLUMN sections_recorded boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE hypervisor_states DROP COLUMN sections_recorded`);
    await q.query(`DROP TABLE hypervisor_sections`);
  }
}
