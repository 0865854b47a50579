import { Controller, Get, Inject } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { ApiProblems } from '../../../platform/http/problem.response';
import { ListQueuesQuery } from './list-queues.query';
import { QueueResponse } from './list-queues.response.dto';

@ApiTags('queues')
@ApiBearerAuth()
@Controller('v1/queues')
export class ListQueuesHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @OperatorOnly()
  @ApiOperation({
    summary: 'List the worker\'s job queues with their job counts by state (operator)',
    description: 'Read straight from Redis on each call, for the Queues page of the console (/console/queues). 503 (unavailable) while Redis is unreachable.',
  })
  @ApiOkResponse({ type: [QueueResponse] })
  @ApiProblems({ 403: 'forbidden: a member key', 503: 'unavailable: Redis is unreachable' })
  list(): Promise<QueueResponse[]> {
    return this.queryBus.execute(new ListQueuesQuery());
  }
}
