import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { formatMetrics, Sample } from './metrics';
import { Public } from '../platform/auth/roles.decorator';

const OPERATION_STATUSES = ['queued', 'in-progress', 'succeeded', 'failed'];

/**
 * Prometheus metrics (API.md "Health and operations"): what an operator alerts on — failed and
 * stuck operations, hypervisors whose applied revision lags the desired one, the event store's
 * growth — read from the read models on each scrape. Public like /health: no tenant data, only totals.
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(@Inject(DataSource) private readonly db: DataSource) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics (text exposition format 0.0.4)',
    description: 'Operations by status, each hypervisor\'s desired and applied revision, the event store\'s last position, and the process\'s memory and uptime. With Postgres unreachable only `sg_database_up 0` and the process metrics are reported.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    content: {
      'text/plain': {
        schema: { type: 'string', example: '# HELP sg_operations Operations by status.\n# TYPE sg_operations gauge\nsg_operations{status="failed"} 1\n' },
      },
    },
  })
  async metrics(@Res() res: Response): Promise<void> {
    const samples = [...(await this.databaseSamples()), ...processSamples()];
    res.status(200).type('text/plain; version=0.0.4; charset=utf-8').send(formatMetrics(samples));
  }

  private async databaseSamples(): Promise<Sample[]> {
    try {
      const [ops, hypervisors, [events]] = await Promise.all([
        this.db.query(`SELECT status, count(*)::int AS n FROM rm_operations GROUP BY status`) as Promise<{ status: string; n: number }[]>,
        this.db.query(`SELECT hypervisor_id, desired_revision::text, applied_revision::text FROM hypervisor_states ORDER BY hypervisor_id`) as Promise<
          { hypervisor_id: string; desired_revision: string; applied_revision: string }[]
        >,
        this.db.query(`SELECT COALESCE(max(position), 0)::text AS position FROM events`) as Promise<{ position: string }[]>,
      ]);
      const count = new Map(ops.map((o) => [o.status, o.n]));
      return [
        { name: 'sg_database_up', help: 'Whether Postgres answered this scrape.', type: 'gauge', value: 1 },
        ...OPERATION_STATUSES.map((status): Sample => ({ name: 'sg_operations', help: 'Operations by status.', type: 'gauge', labels: { status }, value: count.get(status) ?? 0 })),
        ...hypervisors.flatMap((h): Sample[] => [
          { name: 'sg_hypervisor_desired_revision', help: 'The revision of the state each hypervisor should enforce.', type: 'gauge', labels: { hypervisor: h.hypervisor_id }, value: Number(h.desired_revision) },
          { name: 'sg_hypervisor_applied_revision', help: 'The revision each hypervisor\'s agent reported applied.', type: 'gauge', labels: { hypervisor: h.hypervisor_id }, value: Number(h.applied_revision) },
        ]),
        { name: 'sg_events_last_position', help: 'Global position of the newest event.', type: 'gauge', value: Number(events.position) },
      ];
    } catch {
      // Postgres away: the scrape still succeeds, so the alert is on this gauge rather than a missing target.
      return [{ name: 'sg_database_up', help: 'Whether Postgres answered this scrape.', type: 'gauge', value: 0 }];
    }
  }
}

function processSamples(): Sample[] {
  const memory = process.memoryUsage();
  return [
    { name: 'process_resident_memory_bytes', help: 'Resident memory of the API process.', type: 'gauge', value: memory.rss },
    { name: 'nodejs_heap_used_bytes', help: 'V8 heap in use.', type: 'gauge', value: memory.heapUsed },
    { name: 'process_uptime_seconds', help: 'Seconds since the API process started.', type: 'gauge', value: Math.round(process.uptime()) },
  ];
}
