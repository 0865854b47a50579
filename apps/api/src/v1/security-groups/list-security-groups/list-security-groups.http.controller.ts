import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Request, Response } from 'express';
import { ListSecurityGroupsQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { sendPage } from '../../../platform/http/send';
import { presentGroup, SecurityGroupResponse } from '../security-group.presenter';
import { listRequestOf } from './list-filter';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class ListSecurityGroupsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List security groups (paginated, by id), optionally of one VPC or with one tag' })
  @ApiQuery({ name: 'vpcId', required: false, example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' })
  @ApiQuery({ name: 'tag', required: false, example: 'team=ml', description: '`key=value` for that value, or a bare `key` for any value' })
  @ApiQuery({ name: 'limit', required: false, example: 100 })
  @ApiQuery({ name: 'cursor', required: false })
  @ApiOkResponse({ type: [SecurityGroupResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad vpcId, tag, limit or cursor' })
  async list(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { filter, page } = listRequestOf(query);
    const groups = await this.queryBus.execute(new ListSecurityGroupsQuery(ctx.principal, filter, page));
    sendPage(req, res, groups, ({ group, latestOperation }) => presentGroup(group, latestOperation));
  }
}
