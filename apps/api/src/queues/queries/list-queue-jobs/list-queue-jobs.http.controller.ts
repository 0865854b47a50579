import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FieldIssue } from '@sg/domain';
import { QueueNames } from '@sg/infra';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { Problem } from '../../../platform/http/problem';
import { ApiProblems } from '../../../platform/http/problem.response';
import { isJobState, JOB_STATES, JobState } from '../../queue-reader';
import { ListQueueJobsQuery } from './list-queue-jobs.query';
import { QueueJobResponse } from './list-queue-jobs.response.dto';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 1000;

@ApiTags('queues')
@ApiBearerAuth()
@Controller('v1/queues')
export class ListQueueJobsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':name/jobs')
  @OperatorOnly()
  @ApiOperation({
    summary: 'List a queue\'s jobs in one state, newest first (operator)',
    description: 'For finding out why hypervisors fall behind: `state=failed` shows each failed sync with the agent\'s error. Not paginated: BullMQ keeps the last 1000 completed and failed jobs.',
  })
  @ApiParam({ name: 'name', example: QueueNames.hypervisorSync, description: 'The queue\'s name, as GET /v1/queues lists it' })
  @ApiQuery({ name: 'state', required: true, enum: JOB_STATES })
  @ApiQuery({ name: 'limit', required: false, example: DEFAULT_LIMIT, description: `1–${MAX_LIMIT}, default ${DEFAULT_LIMIT}` })
  @ApiOkResponse({ type: [QueueJobResponse] })
  @ApiProblems(
    { 400: 'validation-failed: a missing or bad state, or a bad limit', 403: 'forbidden: a member key', 404: 'not-found: no such queue', 503: 'unavailable: Redis is unreachable' },
    { path: 'state', message: `must be one of ${JOB_STATES.join(', ')}` },
  )
  list(@Param('name') name: string, @Query() query: Record<string, unknown>): Promise<QueueJobResponse[]> {
    const issues: FieldIssue[] = [];
    const state = query.state;
    if (!isJobState(state)) issues.push({ path: 'state', message: `must be one of ${JOB_STATES.join(', ')}` });
    let limit = DEFAULT_LIMIT;
    if (query.limit !== undefined) {
      const n = typeof query.limit === 'string' && /^\d{1,4}$/.test(query.limit) ? Number(query.limit) : NaN;
      if (n >= 1 && n <= MAX_LIMIT) limit = n;
      else issues.push({ path: 'limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` });
    }
    if (issues.length > 0) throw new Problem('validation-failed', 'Bad query parameters.', issues);
    return this.queryBus.execute(new ListQueueJobsQuery(name, state as JobState, limit));
  }
}
