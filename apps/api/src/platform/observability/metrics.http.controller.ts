import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { PROMETHEUS_CONTENT_TYPE } from '@sg/observability';
import type { Response } from 'express';
import { OperatorOnly } from '../auth/roles.decorator';
import { ApiProblems } from '../http/problem.response';
import { ApiMetrics } from './api-metrics';

/**
 * Prometheus metrics of this API process, counted as things happen: nothing is read from the
 * database on a scrape. Propagation (operations, relay lag, queues, hypervisors in sync) is the
 * worker's /metrics. No tenant data, but internals (routes, volumes, the process): an operator key
 * only, as Prometheus scrapes it (`authorization` in deploy/prometheus/prometheus.yml); anyone
 * else gets 401, a member key 403.
 */
@ApiTags('health')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsHttpController {
  constructor(@Inject(ApiMetrics) private readonly metrics: ApiMetrics) {}

  @Get()
  @OperatorOnly()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format 0.0.4; an operator key)',
    description:
      'Request durations by route template and status (`http_request_duration_seconds`), event appends (`sg_event_append_duration_seconds`, `sg_events_appended_total`), open notification streams, and the process\'s CPU, memory, heap, event-loop lag and GC. Operations, relay lag, queue depth and hypervisors out of sync are on the worker\'s /metrics.',
  })
  @ApiProduces('text/plain')
  @ApiProblems({ 403: 'forbidden: a member key (metrics are for operators and their Prometheus)' })
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
