import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { TokenGuard } from '../../platform/token.guard';
import { findNeutronGroup } from '../find-group';
import { presentGroup } from '../security-group.presenter';

/** `GET /v2.0/security-groups/{id}`: the group with all its rules; 404 for anything unknown or foreign (the CLI looks names up this way first). */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-groups')
export class GetSecurityGroupHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id')
  async get(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return { security_group: presentGroup(await findNeutronGroup(this.queryBus, ctx.principal, id)) };
  }
}
