import { Controller, Delete, Inject, Param, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type GroupChanged, RemoveRulesCommand } from '@sg/application';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { neutronWrite, operationHeaders, sendNeutron } from '../../platform/neutron-write';
import { TokenGuard } from '../../platform/token.guard';
import { findNeutronRule } from '../find-rule';

/** `DELETE /v2.0/security-group-rules/{id}`: 204, or 404 for an unknown rule. */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-group-rules')
export class DeleteRuleHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Delete(':id')
  async delete(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { group } = await findNeutronRule(this.queryBus, ctx.principal, id);
    const answer = (change: GroupChanged) => ({ statusCode: 204, headers: operationHeaders(change.operation), body: null });
    sendNeutron(res, await this.commandBus.execute(new RemoveRulesCommand(neutronWrite(ctx, answer), group.id, [id])), answer);
  }
}
