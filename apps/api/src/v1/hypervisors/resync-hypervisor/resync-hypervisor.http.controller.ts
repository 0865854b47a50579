import { Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { ResyncHypervisorCommand } from '@sg/application';
import { AgentRoute, OperatorOnly } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { resyncAnswer, ResyncHypervisorResponse } from './resync-hypervisor.response.dto';

@ApiTags('hypervisors')
@ApiBearerAuth()
@Controller('v1/hypervisors')
export class ResyncHypervisorHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post(':id/resync')
  @HttpCode(202)
  @OperatorOnly()
  @AgentRoute('agent-or-operator')
  @ApiOperation({ summary: 'Push the hypervisor\'s full desired state again (an operator, or the agent itself with its own credential); follow the returned operation' })
  @ApiAcceptedResponse({ type: ResyncHypervisorResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({ 403: 'forbidden: a member key', 404: 'not-found: no such hypervisor' }, { ifMatch: false, body: false })
  async resync(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new ResyncHypervisorCommand(writeContext(ctx, resyncAnswer), id)), resyncAnswer);
  }
}
