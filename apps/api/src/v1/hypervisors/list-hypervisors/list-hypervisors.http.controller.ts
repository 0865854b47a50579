import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Request, Response } from 'express';
import { ListHypervisorsQuery } from '@sg/application';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { pageOf, sendPage } from '../../../platform/http/send';
import { HypervisorResponse } from '../hypervisor.presenter';

@ApiTags('hypervisors')
@ApiBearerAuth()
@Controller('v1/hypervisors')
export class ListHypervisorsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @OperatorOnly()
  @ApiOperation({ summary: 'List hypervisors with their desired and applied revisions and last contact (operator; paginated, by id)' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [HypervisorResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad limit or cursor', 403: 'forbidden: a member key' })
  async list(@Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendPage(req, res, await this.queryBus.execute(new ListHypervisorsQuery(pageOf(query))), (h) => h);
  }
}
