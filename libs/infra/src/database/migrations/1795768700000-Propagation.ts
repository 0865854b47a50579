import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The propagation worker's own state. Not read models of events: desired states are recomputed
 * from the read models at every sync, and revisions only have to keep growing (a lost table
 * restarts above whatever the agents report).
 * - hypervisor_states: per hypervisor, the desired revision and the hash of the state it names,
 *   what the agent last acknowledged, and when we last heard from it.
 * - notifications: one row per operation status change, numbered in commit order by the single
 *   relay that writes them (the SSE stream's `id:`).
 */
export class Propagation1795768700000 implements MigrationInterface {
  name = 'Propagation1795768700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE hypervisor_states (
        hypervisor_id text PRIMARY KEY,
        desired_revision bigint NOT NULL DEFAULT 0,
        desired_hash text,
        applied_revision bigint NOT NULL DEFAULT 0,
        last_contact_at timestamptz,
        last_error text,
        pushes bigint NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE notifications (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        source_position bigint NOT NULL UNIQUE,
        tenant text NOT NULL,
        operation_id text NOT NULL,
        status text NOT NULL,
        operation jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notifications_tenant ON notifications (tenant, id);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notifications, hypervisor_states`);
  }
}
