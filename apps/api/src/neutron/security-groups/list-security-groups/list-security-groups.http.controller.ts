import { Controller, Get, Inject, Req, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { applyListQuery } from '../../platform/list-query';
import { projectVpc } from '../../platform/project-vpc';
import { TokenGuard } from '../../platform/token.guard';
import { listNeutronGroups } from '../list-groups';
import { presentGroup } from '../security-group.presenter';

/**
 * `GET /v2.0/security-groups`: the caller's project's groups (an admin's: every project's), its
 * default group always among them (made on the project's first use), with Neutron's filters,
 * sorting and pagination.
 */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-groups')
export class ListSecurityGroupsHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Get()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request) {
    await projectVpc(this.commandBus, ctx);
    const groups = await listNeutronGroups(this.queryBus, ctx.principal);
    return applyListQuery(req, 'security_groups', groups.map(presentGroup));
  }
}
