import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications of findings as well as of operations: `kind` says which, and `finding` holds the
 * finding as it was when it opened. One event can open several findings, so a notification is
 * unique per (event, finding) rather than per event (`finding_id` is '' for an operation's).
 */
export class FindingNotifications1796300000001 implements MigrationInterface {
  name = 'FindingNotifications1796300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE notifications
        ADD COLUMN kind text NOT NULL DEFAULT 'operation' CHECK (kind IN ('operation', 'finding.opened')),
        ADD COLUMN finding_id text NOT NULL DEFAULT '',
        ADD COLUMN finding jsonb,
        ALTER COLUMN operation_id DROP NOT NULL,
        ALTER COLUMN status DROP NOT NULL,
        ALTER COLUMN operation DROP NOT NULL,
        DROP CONSTRAINT notifications_source_position_key,
        ADD CONSTRAINT notifications_source_key UNIQUE (source_position, finding_id),
        ADD CONSTRAINT notifications_kind_payload CHECK (CASE kind WHEN 'operation' THEN operation IS NOT NULL ELSE finding IS NOT NULL END)
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      DELETE FROM notifications WHERE kind <> 'operation';
      ALTER TABLE notifications
        DROP CONSTRAINT notifications_kind_payload,
        DROP CONSTRAINT notifications_source_key,
        ADD CONSTRAINT notifications_source_position_key UNIQUE (source_position),
        ALTER COLUMN operation SET NOT NULL,
        ALTER COLUMN status SET NOT NULL,
        ALTER COLUMN operation_id SET NOT NULL,
        DROP COLUMN finding,
        DROP COLUMN finding_id,
        DROP COLUMN kind
    `);
  }
}
