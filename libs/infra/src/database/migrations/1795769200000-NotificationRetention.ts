import { MigrationInterface, QueryRunner } from 'typeorm';

/** The retention job deletes notifications by age: an index on it keeps that from scanning the table. */
export class NotificationRetention1795769200000 implements MigrationInterface {
  name = 'NotificationRetention1795769200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notifications_created_at_idx ON notifications (created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notifications_created_at_idx`);
  }
}
