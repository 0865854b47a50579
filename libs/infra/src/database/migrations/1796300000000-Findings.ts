import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings (docs/audit.md), written inline with the events by the findings projection and rebuilt
 * from the events alone like every other read model:
 * - rm_findings: one row per finding, open or closed, with the event that opened it and the one
 *   that closed it. At most one open finding per check and resource.
 * - rm_finding_subjects: what the checks read, kept by the projection itself (each VPC's range and
 *   default group, each group's rules and attachments, each instance's addresses and groups), so
 *   a finding is decided on the state right after its event, in a rebuild as in an append.
 */
export class Findings1796300000000 implements MigrationInterface {
  name = 'Findings1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rm_findings (
        id text PRIMARY KEY,
        tenant text NOT NULL,
        check_id text NOT NULL,
        severity text NOT NULL CHECK (severity IN ('high', 'medium', 'low')),
        resource_type text NOT NULL,
        resource_id text NOT NULL,
        group_id text NOT NULL,
        instance_id text,
        status text NOT NULL CHECK (status IN ('open', 'closed')),
        details jsonb NOT NULL,
        opened_at timestamptz NOT NULL,
        opened_position bigint NOT NULL,
        opened_by jsonb NOT NULL,
        closed_at timestamptz,
        closed_position bigint,
        closed_by jsonb,
        CHECK ((status = 'open') = (closed_at IS NULL))
      );
      CREATE UNIQUE INDEX rm_findings_one_open ON rm_findings (check_id, resource_id) WHERE status = 'open';
      CREATE INDEX rm_findings_tenant ON rm_findings (tenant, id);
      CREATE INDEX rm_findings_group ON rm_findings (group_id, id);
      CREATE INDEX rm_findings_resource ON rm_findings (resource_id) WHERE status = 'open';
      CREATE INDEX rm_findings_opened_position ON rm_findings (opened_position);

      CREATE TABLE rm_finding_subjects (
        id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('vpc', 'group', 'instance')),
        tenant text NOT NULL,
        vpc_id text NOT NULL,
        state jsonb NOT NULL
      );
      CREATE INDEX rm_finding_subjects_vpc ON rm_finding_subjects (vpc_id, kind);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE rm_findings, rm_finding_subjects`);
  }
}
