import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import type { Job } from 'bullmq';
import { JobState, QueueReader } from '../../queue-reader';
import { ListQueueJobsQuery } from './list-queue-jobs.query';
import { QueueJobResponse } from './list-queue-jobs.response.dto';

@QueryHandler(ListQueueJobsQuery)
export class ListQueueJobsHandler implements IQueryHandler<ListQueueJobsQuery> {
  constructor(@Inject(QueueReader) private readonly queues: QueueReader) {}

  async execute({ queue, state, limit }: ListQueueJobsQuery): Promise<QueueJobResponse[]> {
    if (!this.queues.has(queue)) throw new DomainError('not-found', `no queue ${queue}`);
    return (await this.queues.jobs(queue, state, limit)).map((job) => presentJob(job, state));
  }
}

const at = (ms: number | undefined | null): string | null => (typeof ms === 'number' && ms > 0 ? new Date(ms).toISOString() : null);

/** Only what the worker put in the job is shown; data of any other shape shows as nulls. */
function presentJob(job: Job, state: JobState): QueueJobResponse {
  const data: unknown = job.data;
  const field = (key: string): unknown => (data && typeof data === 'object' ? (data as Record<string, unknown>)[key] : undefined);
  const hypervisorId = field('hypervisorId');
  return {
    id: String(job.id),
    name: job.name,
    state,
    hypervisorId: typeof hypervisorId === 'string' ? hypervisorId : null,
    force: field('force') === true,
    attemptsMade: job.attemptsMade ?? 0,
    maxAttempts: job.opts?.attempts ?? 1,
    failedReason: job.failedReason || null,
    createdAt: at(job.timestamp) ?? new Date(0).toISOString(),
    processedAt: at(job.processedOn),
    finishedAt: at(job.finishedOn),
  };
}
