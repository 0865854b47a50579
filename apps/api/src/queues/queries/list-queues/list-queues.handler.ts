import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { QUEUE_NAMES, QueueReader } from '../../queue-reader';
import { ListQueuesQuery } from './list-queues.query';
import { QueueResponse } from './list-queues.response.dto';

@QueryHandler(ListQueuesQuery)
export class ListQueuesHandler implements IQueryHandler<ListQueuesQuery> {
  constructor(@Inject(QueueReader) private readonly queues: QueueReader) {}

  execute(): Promise<QueueResponse[]> {
    return Promise.all(QUEUE_NAMES.map((name) => this.describe(name)));
  }

  private async describe(name: string): Promise<QueueResponse> {
    const [counts, paused, oldest] = await Promise.all([this.queues.counts(name), this.queues.isPaused(name), this.queues.oldestWaiting(name)]);
    // A delayed job joins the waiting ones when its delay runs out, not when it was added.
    const readySince = oldest ? oldest.timestamp + (oldest.delay ?? 0) : null;
    return {
      name,
      paused,
      counts: {
        waiting: counts.waiting ?? 0,
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        prioritized: counts.prioritized ?? 0,
        completed: counts.completed ?? 0,
        failed: counts.failed ?? 0,
      },
      oldestWaitingAgeSeconds: readySince === null ? null : Math.max(0, Date.now() - readySince) / 1000,
    };
  }
}
