import { Controller, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { RetryOperationCommand } from '@sg/application';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { OperationResponse, retriedAnswer } from '../operation.presenter';

@ApiTags('operations')
@ApiBearerAuth()
@Controller('v1/operations')
export class RetryOperationHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post(':id/retry')
  @HttpCode(202)
  @OperatorOnly()
  @ApiOperation({ summary: 'Re-queue the failed targets of a failed operation (operator); 409 (conflict) unless it failed' })
  @ApiAcceptedResponse({ type: OperationResponse })
  @ApiWrite({ 403: 'forbidden: a member key', 404: 'not-found: no such operation', 409: 'conflict: the operation has not failed' }, { body: false })
  async retry(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new RetryOperationCommand(writeContext(ctx, retriedAnswer), id)), retriedAnswer);
  }
}
