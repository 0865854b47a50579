import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MIGRATIONS } from '@sg/infra';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { RedisHealth } from '../platform/persistence/redis-health';

/** Liveness and readiness for load balancers and orchestrators; no authentication. */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RedisHealth) private readonly redis: RedisHealth,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up' })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: Postgres, migrations and Redis',
    description: '503 when Postgres is unreachable or a migration is pending. Redis down is reported (status "degraded") but stays 200: the API keeps accepting changes, which propagate once Redis is back.',
  })
  async ready(@Res() res: Response) {
    const checks: Record<string, { status: 'up' | 'down'; detail?: string }> = {};
    try {
      if (!this.dataSource.isInitialized) await this.dataSource.initialize();
      const rows: { name: string }[] = await this.dataSource.query(`SELECT name FROM migrations`);
      checks.postgres = { status: 'up' };
      const applied = new Set(rows.map((r) => r.name));
      const missing = MIGRATIONS.map((m) => m.name).filter((n) => !applied.has(n));
      checks.migrations = missing.length === 0 ? { status: 'up' } : { status: 'down', detail: `pending: ${missing.join(', ')}` };
    } catch (error) {
      checks.postgres = { status: 'down', detail: (error as Error).message };
    }
    checks.redis = await this.redis.ping();
    const ok = checks.postgres.status === 'up' && checks.migrations?.status === 'up';
    res.status(ok ? 200 : 503).json({ status: !ok ? 'not-ready' : checks.redis.status === 'up' ? 'ready' : 'degraded', checks });
  }
}
