import { Query } from '@nestjs/cqrs';
import type { QueueResponse } from './list-queues.response.dto';

export class ListQueuesQuery extends Query<QueueResponse[]> {}
