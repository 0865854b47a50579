import { Controller, Get, HttpCode, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiReadiness } from './api-readiness';
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
  constructor(@Inject(ApiReadiness) private readonly readiness: ApiReadiness) {}

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
    const { httpStatus, body } = await this.readiness.check();
    res.status(httpStatus).json(body);
  }
}
