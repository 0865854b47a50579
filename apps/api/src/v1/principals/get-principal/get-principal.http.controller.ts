import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { PrincipalResponse } from './principal.response.dto';

/** Nothing to look up: the guard has already read the key, so the answer is the request's own context. */
@ApiTags('principals')
@ApiBearerAuth()
@Controller('v1/me')
export class GetPrincipalHttpController {
  @Get()
  @ApiOperation({
    summary: 'Who the API key belongs to',
    description: 'The tenant and role of the key, the actor name its changes carry in the history, and the address `my-ip` stands for. A console shows it after sign-in.',
  })
  @ApiOkResponse({ type: PrincipalResponse })
  @ApiProblems()
  get(@Ctx() ctx: RequestContext): PrincipalResponse {
    const { tenant, role, actor } = ctx.principal;
    return { tenant, role, actor, ip: ctx.callerIp };
  }
}
