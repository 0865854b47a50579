import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { FINDING_STATUSES, type FindingFilter, type FindingStatus, ListFindingsQuery } from '@sg/application';
import type { FieldIssue } from '@sg/domain';
import type { Request, Response } from 'express';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Problem } from '../../../platform/http/problem';
import { collectIssues, ID_PATTERN } from '../../../platform/http/query-params';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { pageOf, sendPage } from '../../../platform/http/send';
import { FindingResponse, presentFinding } from '../finding.presenter';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/findings')
export class ListFindingsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({
    summary: 'List findings, newest first (paginated)',
    description:
      'What the checks found risky in the security groups (SSH or RDP open to the world, a port range open to the world, a group applied to nothing, ' +
      'an instance with only its VPC\'s default group, a remote range reaching into the VPC from outside), each with its severity, when it opened ' +
      'and closed, and the event (actor, request id) that opened and closed it. Decided after every change, so they hold for every moment of history. ' +
      'A member sees its tenant\'s findings, an operator every tenant\'s. Filters combine (AND). Which checks run is FINDINGS_CHECKS (docs/audit.md).',
  })
  @ApiQuery({ name: 'status', required: false, enum: FINDING_STATUSES })
  @ApiQuery({ name: 'groupId', required: false, type: String, example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'Findings about this group only (an instance\'s finding is about its default group)' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [FindingResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad status, groupId, limit or cursor' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const issues: FieldIssue[] = [];
    const filter = filterOf(query, issues);
    const page = collectIssues(() => pageOf(query), issues);
    if (issues.length > 0) throw new Problem('validation-failed', 'Bad query parameters.', issues);
    sendPage(req, res, await this.queryBus.execute(new ListFindingsQuery(ctx.principal, filter, page!)), presentFinding);
  }
}

function filterOf(query: Record<string, unknown>, issues: FieldIssue[]): Omit<FindingFilter, 'tenant'> {
  const filter: Omit<FindingFilter, 'tenant'> = {};
  if (query.status !== undefined) {
    if (typeof query.status === 'string' && (FINDING_STATUSES as readonly string[]).includes(query.status)) filter.status = query.status as FindingStatus;
    else issues.push({ path: 'status', message: `must be one of ${FINDING_STATUSES.join(', ')}` });
  }
  if (query.groupId !== undefined) {
    if (typeof query.groupId === 'string' && ID_PATTERN.test(query.groupId) && query.groupId.startsWith('sg-')) filter.groupId = query.groupId;
    else issues.push({ path: 'groupId', message: 'must be a security group id, like sg-0mh2k8q1a7c1d2e3f4a5b' });
  }
  return filter;
}
