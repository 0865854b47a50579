import { Controller, Get, HttpCode, Inject, Req, Res } from '@nestjs/common';
import { type AppConfig, bearerToken, sameSecret } from '@sg/infra';
import { APP_CONFIG } from '../platform/config.module';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
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
  private readonly operatorKeys: string[];

  constructor(
    @Inject(ApiReadiness) private readonly readiness: ApiReadiness,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.operatorKeys = config.apiKeys.filter((k) => k.role === 'operator').map((k) => k.key);
  }

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
    description:
      '503 when Postgres is unreachable or a migration is pending. Redis down is reported (status "degraded") but stays 200: the API keeps accepting changes, which propagate once Redis is back. ' +
      'Each check\'s `detail` (connection errors, pending migrations) only with an operator key; anyone else gets the statuses alone.',
  })
  @ApiOkResponse({ description: 'Ready, or degraded (Redis down)', schema: READINESS })
  @ApiServiceUnavailableResponse({ description: 'Postgres unreachable or a migration pending', schema: READINESS })
  async ready(@Req() req: Request, @Res() res: Response) {
    const { httpStatus, body } = await this.readiness.check();
    const token = bearerToken(req.headers.authorization);
    let operator = false;
    for (const key of this.operatorKeys) if (token !== null && sameSecret(token, key)) operator = true;
    // Internal details (addresses in connection errors, migration names) for operators only.
    const shown = operator ? body : { ...body, checks: Object.fromEntries(Object.entries(body.checks).map(([name, check]) => [name, { status: check.status }])) };
    res.status(httpStatus).json(shown);
  }
}
