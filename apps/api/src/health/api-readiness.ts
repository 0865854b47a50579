import { Inject, Injectable } from '@nestjs/common';
import { DatabaseHealth } from '@sg/application';
import { type Check, readinessOf, registerReadinessGauges } from '@sg/observability';
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
    @Inject(DatabaseHealth) private readonly database: DatabaseHealth,
    @Inject(RedisHealth) private readonly redis: RedisHealth,
    @Inject(ApiMetrics) metrics: ApiMetrics,
  ) {
    registerReadinessGauges(metrics.registry, async () => (await this.check()).body);
  }

  async check() {
    const { postgres, migrations } = await this.database.check();
    const checks: Record<string, Check> = {
      postgres,
      migrations: migrations ?? { status: 'down', detail: 'unknown while Postgres is unreachable' },
      redis: await this.redis.ping(),
    };
    return readinessOf(checks, ['redis']);
  }
}
