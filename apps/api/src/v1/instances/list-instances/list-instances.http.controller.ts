import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Request, Response } from 'express';
import type { FieldIssue } from '@sg/domain';
import { ListInstancesQuery } from '@sg/application';
import { tenantScope } from '@sg/application';
import { Problem } from '../../../platform/http/problem';
import { ID_PATTERN, optionalParam } from '../../../platform/http/query-params';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { pageOf, sendPage } from '../../../platform/http/send';
import { InstanceResponse, presentInstance } from '../instance.presenter';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class ListInstancesHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List instances (paginated, by id), optionally of one VPC or on one hypervisor; an unknown id in a filter matches nothing' })
  @ApiQuery({ name: 'vpcId', required: false })
  @ApiQuery({ name: 'hypervisorId', required: false })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [InstanceResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad vpcId, hypervisorId, limit or cursor' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const [vpcId, hypervisorId, page] = allOrProblem([
      () => optionalParam(query, 'vpcId', ID_PATTERN),
      () => optionalParam(query, 'hypervisorId', ID_PATTERN),
      () => pageOf(query),
    ] as const);
    const filter = { tenant: tenantScope(ctx.principal), vpcId, hypervisorId };
    sendPage(req, res, await this.queryBus.execute(new ListInstancesQuery(filter, page)), presentInstance);
  }
}

/** Reads every query parameter before failing, so one 400 names all the bad ones. */
function allOrProblem<T extends readonly (() => unknown)[]>(readers: T): { [K in keyof T]: ReturnType<T[K]> } {
  const errors: FieldIssue[] = [];
  const values = readers.map((read) => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof Problem)) throw error;
      errors.push(...error.errors);
      return undefined;
    }
  });
  if (errors.length > 0) throw new Problem('validation-failed', 'Bad query parameters.', errors);
  return values as { [K in keyof T]: ReturnType<T[K]> };
}
