import { Module } from '@nestjs/common';
import { QueueReader } from './queue-reader';
import { ListQueueJobsHandler } from './queries/list-queue-jobs/list-queue-jobs.handler';
import { ListQueueJobsHttpController } from './queries/list-queue-jobs/list-queue-jobs.http.controller';
import { ListQueuesHandler } from './queries/list-queues/list-queues.handler';
import { ListQueuesHttpController } from './queries/list-queues/list-queues.http.controller';

const QueryHandlers = [ListQueuesHandler, ListQueueJobsHandler];
const HttpControllers = [ListQueuesHttpController, ListQueueJobsHttpController];

/** The operators' read-only view of the worker's BullMQ queues: GET /v1/queues (the console's Queues page reads it). */
@Module({ controllers: HttpControllers, providers: [QueueReader, ...QueryHandlers] })
export class QueuesModule {}
