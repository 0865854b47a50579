import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { FieldIssue } from '@sg/domain';
import { ListOperationsQuery, OperationFilter } from '@sg/application';
import type { Request, Response } from 'express';
import { tenantScope } from '@sg/application';
import { Problem } from '../../../platform/http/problem';
import { collectIssues, ID_PATTERN } from '../../../platform/http/query-params';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { pageOf, sendPage } from '../../../platform/http/send';
import { isOperationStatus, OPERATION_STATUSES, OperationResponse, presentOperation } from '../operation.presenter';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/operations')
export class ListOperationsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List operations, newest first (paginated)',
    description: 'A member sees its tenant\'s operations, an operator every tenant\'s. Filters combine (AND).',
  })
  @ApiQuery({ name: 'status', required: false, enum: OPERATION_STATUSES })
  @ApiQuery({ name: 'resourceId', required: false, example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'Operations on this resource only' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [OperationResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad status, resourceId, limit or cursor' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const issues: FieldIssue[] = [];
    const filter = filterOf(query, tenantScope(ctx.principal), issues);
    const page = collectIssues(() => pageOf(query), issues);
    if (issues.length > 0) throw new Problem('validation-failed', 'Bad query parameters.', issues);
    sendPage(req, res, await this.queryBus.execute(new ListOperationsQuery(filter, page!)), presentOperation);
  }
}

function filterOf(query: Record<string, unknown>, tenant: string | null, issues: FieldIssue[]): OperationFilter {
  const filter: OperationFilter = { tenant };
  if (query.status !== undefined) {
    if (isOperationStatus(query.status)) filter.status = query.status;
    else issues.push({ path: 'status', message: `must be one of ${OPERATION_STATUSES.join(', ')}` });
  }
  if (query.resourceId !== undefined) {
    if (typeof query.resourceId === 'string' && ID_PATTERN.test(query.resourceId)) filter.resourceId = query.resourceId;
    else issues.push({ path: 'resourceId', message: 'must be a resource id, like sg-0mh2k8q1a7c1d2e3f4a5b' });
  }
  return filter;
}
