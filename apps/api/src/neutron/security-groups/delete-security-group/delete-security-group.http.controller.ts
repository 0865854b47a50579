import { Controller, Delete, Inject, Param, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { DeleteSecurityGroupCommand, type GroupChanged } from '@sg/application';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { neutronWrite, operationHeaders, sendNeutron } from '../../platform/neutron-write';
import { TokenGuard } from '../../platform/token.guard';
import { findNeutronGroup } from '../find-group';

/** `DELETE /v2.0/security-groups/{id}`: 204, the group with its rules in one change; the default group stays (409). */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-groups')
export class DeleteSecurityGroupHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Delete(':id')
  async delete(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await findNeutronGroup(this.queryBus, ctx.principal, id);
    const answer = (change: GroupChanged) => ({ statusCode: 204, headers: operationHeaders(change.operation), body: null });
    sendNeutron(res, await this.commandBus.execute(new DeleteSecurityGroupCommand(neutronWrite(ctx, answer), id)), answer);
  }
}
