import { Inject, Injectable } from '@nestjs/common';
import { MIGRATIONS } from '@sg/infra';
import { type Check, readinessOf, registerReadinessGauges } from '@sg/observability';
import { DataSource } from 'typeorm';
import { ApiMetrics } from '../platform/observability/api-metrics';
import { RedisHealth } from '../platform/persistence/redis-health';

/**
 * The API's readiness, for `GET /health/ready` and the `sg_ready` gauge alike: not ready (503)
 * when Postgres is unreachable or a migration is pending; degraded (200) while only Redis is
 * down, since the API keeps accepting changes and the worker propagates them once it is back.
 */
@Injectable()
export class ApiReadiness {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RedisHealth) private readonly redis: RedisHealth,
    @Inject(ApiMetrics) metrics: ApiMetrics,
  ) {
    registerReadinessGauges(metrics.registry, async () => (await this.check()).body);
  }

  async check() {
    const checks: Record<string, Check> = {};
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM migrations`);
      checks.postgres = { status: 'up' };
      const applied = new Set(rows.map((r) => r.name));
      const missing = MIGRATIONS.map((m) => m.name).filter((n) => !applied.has(n));
      checks.migrations = missing.length === 0 ? { status: 'up' } : { status: 'down', detail: `pending: ${missing.join(', ')}` };
    } catch (error) {
      checks.postgres = { status: 'down', detail: (error as Error).message };
      checks.migrations = { status: 'down', detail: 'unknown while Postgres is unreachable' };
    }
    checks.redis = await this.redis.ping();
    return readinessOf(checks, ['redis']);
  }
}
