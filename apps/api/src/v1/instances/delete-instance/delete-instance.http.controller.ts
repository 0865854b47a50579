import { Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { DeleteInstanceCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { InstanceDeletedResponse, instanceDeletedAnswer } from '../instance.presenter';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class DeleteInstanceHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a VM: it is detached from every group applied to it, and its hypervisor drops the port',
    description: 'Accepts `If-Match`. Afterwards the instance is 404 and no group lists it.',
  })
  @ApiAcceptedResponse({ type: InstanceDeletedResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite(
    {
      404: 'not-found: no such instance, or another tenant\'s',
      412: 'version-mismatch: If-Match is not the instance\'s version',
    },
    { body: false },
  )
  async delete(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new DeleteInstanceCommand(writeContext(ctx, instanceDeletedAnswer), id)), instanceDeletedAnswer);
  }
}
