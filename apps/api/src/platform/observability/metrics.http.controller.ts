import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PROMETHEUS_CONTENT_TYPE } from '@sg/observability';
import type { Response } from 'express';
import { Public } from '../auth/roles.decorator';
import { ApiMetrics } from './api-metrics';

/**
 * Prometheus metrics of this API process, counted as things happen: nothing is read from the
 * database on a scrape. Propagation (operations, relay lag, queues, hypervisors in sync) is the
 * worker's /metrics. Public like /health: no tenant data, only totals.
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsHttpController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    description:
      'Request durations by route template and status (`http_request_duration_seconds`), event appends (`sg_event_append_duration_seconds`, `sg_events_appended_total`), open notification streams, and the process\'s CPU, memory, heap, event-loop lag and GC. Operations, relay lag, queue depth and hypervisors out of sync are on the worker\'s /metrics.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    content: {
      'text/plain': {
        schema: {
          type: 'string',
          example: '# HELP http_request_duration_seconds HTTP requests served, by method, route template and status code.\n# TYPE http_request_duration_seconds histogram\nhttp_request_duration_seconds_count{method="POST",route="/v1/security-groups",status="201"} 12\n',
        },
      },
    },
  })
  async scrape(@Res() res: Response): Promise<void> {
    const text = await this.metrics.registry.metrics();
    res.status(200).type(PROMETHEUS_CONTENT_TYPE).send(text);
  }
}
