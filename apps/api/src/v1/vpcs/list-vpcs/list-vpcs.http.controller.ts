import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Request, Response } from 'express';
import { ListVpcsQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { pageOf, sendPage } from '../../../platform/http/send';
import { presentVpc, VpcResponse } from '../vpc.presenter';

@ApiTags('vpcs')
@ApiBearerAuth()
@Controller('v1/vpcs')
export class ListVpcsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List VPCs (paginated, by id)' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [VpcResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad limit or cursor' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    sendPage(req, res, await this.queryBus.execute(new ListVpcsQuery(ctx.principal, pageOf(query))), presentVpc);
  }
}
