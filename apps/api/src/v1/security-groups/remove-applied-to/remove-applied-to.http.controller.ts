import { Body, Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { ChangeAppliedToCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseAppliedToInput } from '../security-group.input';
import { AppliedToRequest } from '../set-applied-to/applied-to.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class RemoveAppliedToHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':id/applied-to')
  @ApiOperation({
    summary: 'Detach a security group from instances or network segments (JSON body)',
    description:
      'Entries the group does not apply to are ignored, so a retried removal is harmless; give at least one.',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({ 400: 'validation-failed: every bad field in errors[]; no entries', 404: 'not-found: no such group, or another tenant\'s' })
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AppliedToRequest, @Res() res: Response): Promise<void> {
    const { instanceIds, cidrs, warnings } = parseAppliedToInput(body, true);
    const answer = groupChangeAnswer(202, warnings);
    send(res, await this.commandBus.execute(new ChangeAppliedToCommand(writeContext(ctx, answer), id, 'remove', instanceIds, cidrs)), answer);
  }
}
