import { Body, Controller, Inject, Param, Put, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type GroupChanged, groupRecordAt, UpdateSecurityGroupCommand } from '@sg/application';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { neutronWrite, operationHeaders, sendNeutron } from '../../platform/neutron-write';
import { TokenGuard } from '../../platform/token.guard';
import { findNeutronGroup } from '../find-group';
import { parseGroupUpdate } from '../security-group.input';
import { presentGroup } from '../security-group.presenter';

/** `PUT /v2.0/security-groups/{id}`: name and description; the default group keeps its name (409). */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-groups')
export class UpdateSecurityGroupHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Put(':id')
  async update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const changes = parseGroupUpdate(body);
    await findNeutronGroup(this.queryBus, ctx.principal, id);
    const answer = (change: GroupChanged) => ({ statusCode: 200, headers: operationHeaders(change.operation), body: { security_group: presentGroup(groupRecordAt(change.group!, change.version)) } });
    sendNeutron(res, await this.commandBus.execute(new UpdateSecurityGroupCommand(neutronWrite(ctx, answer), id, changes)), answer);
  }
}
