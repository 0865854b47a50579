import { Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { DeleteVpcCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';

@ApiTags('vpcs')
@ApiBearerAuth()
@Controller('v1/vpcs')
export class DeleteVpcHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a VPC and its default group; 409 (conflict) while it has instances or other groups' })
  @ApiNoContentResponse()
  @ApiWrite(
    {
      404: 'not-found: no such VPC, or another tenant\'s',
      409: 'conflict: the VPC still has instances or security groups besides its default one',
    },
    { body: false },
  )
  async delete(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const answer = () => ({ statusCode: 204, headers: {}, body: null });
    send(res, await this.commandBus.execute(new DeleteVpcCommand(writeContext(ctx, answer), id)), answer);
  }
}
