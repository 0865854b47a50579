import { Controller, Get, Inject, Req, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { applyListQuery } from '../../platform/list-query';
import { projectVpc } from '../../platform/project-vpc';
import { TokenGuard } from '../../platform/token.guard';
import { listNeutronGroups } from '../../security-groups/list-groups';
import { presentRule } from '../../security-groups/security-group.presenter';

/** `GET /v2.0/security-group-rules`: the rules of the groups the caller sees, with Neutron's filters. */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-group-rules')
export class ListRulesHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Get()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request) {
    await projectVpc(this.commandBus, ctx);
    const groups = await listNeutronGroups(this.queryBus, ctx.principal);
    return applyListQuery(req, 'security_group_rules', groups.flatMap((g) => g.rules.map((r) => presentRule(r, g))));
  }
}
