import { Query } from '@nestjs/cqrs';
import type { JobState } from '../../queue-reader';
import type { QueueJobResponse } from './list-queue-jobs.response.dto';

export class ListQueueJobsQuery extends Query<QueueJobResponse[]> {
  constructor(
    readonly queue: string,
    readonly state: JobState,
    readonly limit: number,
  ) {
    super();
  }
}
