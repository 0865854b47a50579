import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { MIGRATIONS } from '@sg/infra';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { RedisHealth } from '../platform/persistence/redis-health';
import { Public } from '../platform/auth/roles.decorator';

const CHECK = { type: 'object', properties: { status: { type: 'string', enum: ['up', 'down'] }, detail: { type: 'string', example: 'pending: ReadModels1795768600000' } }, required: ['status'] };
const READINESS = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['ready', 'degraded', 'not-ready'] },
    checks: { type: 'object', properties: { postgres: CHECK, migrations: CHECK, redis: CHECK }, example: { postgres: { status: 'up' }, migrations: { status: 'up' }, redis: { status: 'up' } } },
  },
  required: ['status', 'checks'],
};

/** Liveness and readiness for load balancers and orchestrators; no authentication. */
@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DataSource) private readonly dataSource: DataSource,
    @Inject(RedisHealth) private readonly redis: RedisHealth,
  ) {}

  @Get()
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process is up' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } }, required: ['status'] } })
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: Postgres, migrations and Redis',
    description: '503 when Postgres is unreachable or a migration is pending. Redis down is reported (status "degraded") but stays 200: the API keeps accepting changes, which propagate once Redis is back.',
  })
  @ApiOkResponse({ description: 'Ready, or degraded (Redis down)', schema: READINESS })
  @ApiServiceUnavailableResponse({ description: 'Postgres unreachable or a migration pending', schema: READINESS })
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
