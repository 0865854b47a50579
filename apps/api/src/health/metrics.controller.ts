import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { EventStore, HypervisorStates, OperationReadModel } from '@sg/application';
import type { OperationStatus } from '@sg/domain';
import { formatMetrics, Sample } from './metrics';
import { Public } from '../platform/auth/roles.decorator';

const OPERATION_STATUSES: OperationStatus[] = ['queued', 'in-progress', 'succeeded', 'failed'];

/**
 * Prometheus metrics: what an operator alerts on — failed and stuck operations, hypervisors whose applied revision lags the desired one, the event store's
 * growth — read from the read models on each scrape. Public like /health: no tenant data, only totals.
 */
@ApiTags('health')
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
    @Inject(HypervisorStates) private readonly hypervisors: HypervisorStates,
    @Inject(EventStore) private readonly events: EventStore,
  ) {}

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
      const [count, states, lastPosition] = await Promise.all([this.operations.countByStatus(), this.hypervisors.all(), this.events.lastPosition()]);
      const hypervisors = [...states.values()].sort((a, b) => (a.hypervisorId < b.hypervisorId ? -1 : a.hypervisorId > b.hypervisorId ? 1 : 0));
      return [
        { name: 'sg_database_up', help: 'Whether Postgres answered this scrape.', type: 'gauge', value: 1 },
        ...OPERATION_STATUSES.map((status): Sample => ({ name: 'sg_operations', help: 'Operations by status.', type: 'gauge', labels: { status }, value: count.get(status) ?? 0 })),
        ...hypervisors.flatMap((h): Sample[] => [
          { name: 'sg_hypervisor_desired_revision', help: 'The revision of the state each hypervisor should enforce.', type: 'gauge', labels: { hypervisor: h.hypervisorId }, value: h.desiredRevision },
          { name: 'sg_hypervisor_applied_revision', help: 'The revision each hypervisor\'s agent reported applied.', type: 'gauge', labels: { hypervisor: h.hypervisorId }, value: h.appliedRevision },
        ]),
        { name: 'sg_events_last_position', help: 'Global position of the newest event.', type: 'gauge', value: Number(lastPosition) },
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
