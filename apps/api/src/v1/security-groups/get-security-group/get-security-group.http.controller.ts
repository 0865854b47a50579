import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { GetSecurityGroupQuery } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { presentGroup, SecurityGroupResponse } from '../security-group.presenter';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class GetSecurityGroupHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  @ApiOperation({ summary: 'Get a security group with its rules and what it applies to' })
  @ApiOkResponse({ type: SecurityGroupResponse, headers: { ETag: { description: 'The version in quotes, ready for If-Match', schema: { type: 'string', example: '"7"' } } } })
  @ApiProblems({ 404: 'not-found: no such group, or another tenant\'s' })
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res({ passthrough: true }) res: Response): Promise<SecurityGroupResponse> {
    const { group, latestOperation } = await this.queryBus.execute(new GetSecurityGroupQuery(ctx.principal, id));
    res.setHeader('ETag', `"${group.version}"`);
    return presentGroup(group, latestOperation);
  }
}
