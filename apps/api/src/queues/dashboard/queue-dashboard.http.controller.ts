import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DASHBOARD_CSP, DASHBOARD_HTML } from './queue-dashboard.page';
import { Public } from '../../platform/auth/roles.decorator';

/**
 * The queue dashboard for people. Outside /v1 and without a key: the page is the same for
 * everyone and holds no data; its script reads GET /v1/queues with the operator key it is given.
 */
@ApiTags('queues')
@Public()
@Controller('queues')
export class QueueDashboardHttpController {
  @Get()
  @ApiOperation({
    summary: 'Queue dashboard (HTML) for operators',
    description: 'A page that asks for an operator API key, then shows GET /v1/queues as a table refreshed every 5 s, with each queue\'s failed jobs a click away. The page itself needs no key and holds no data.',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ content: { 'text/html': { schema: { type: 'string', example: '<!doctype html><html lang="en">…</html>' } } } })
  page(@Res() res: Response): void {
    res
      .status(200)
      .set({
        'Content-Security-Policy': DASHBOARD_CSP,
        'X-Content-Type-Options': 'nosniff',
        'Referrer-Policy': 'no-referrer',
        'Cache-Control': 'no-cache',
      })
      .type('text/html; charset=utf-8')
      .send(DASHBOARD_HTML);
  }
}
