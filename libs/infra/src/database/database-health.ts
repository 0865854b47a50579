import { DatabaseHealth, type HealthCheck } from '@sg/application';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from './migrations';

/** Postgres reachable (the pool connects once it is back), and no migration pending. */
export class PostgresDatabaseHealth extends DatabaseHealth {
  constructor(private readonly ds: DataSource) {
    super();
  }

  async check(): Promise<{ postgres: HealthCheck; migrations?: HealthCheck }> {
    try {
      if (!this.ds.isInitialized) await this.ds.initialize();
      const rows: { name: string }[] = await this.ds.query(`SELECT name FROM migrations`);
      const applied = new Set(rows.map((r) => r.name));
      const missing = MIGRATIONS.map((m) => m.name).filter((n) => !applied.has(n));
      return { postgres: { status: 'up' }, migrations: missing.length === 0 ? { status: 'up' } : { status: 'down', detail: `pending: ${missing.join(', ')}` } };
    } catch (error) {
      return { postgres: { status: 'down', detail: (error as Error).message } };
    }
  }
}
