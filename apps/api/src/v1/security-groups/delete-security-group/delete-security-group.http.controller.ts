import { Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { DeleteSecurityGroupCommand } from '@sg/application';
import { groupChangeAnswer } from '../security-group.presenter';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { SecurityGroupDeletedResponse } from './delete-security-group.response.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class DeleteSecurityGroupHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @ApiOperation({
    summary: 'Delete a security group, detaching it everywhere',
    description:
      '409 group-has-rules while it has rules (the detail says how many: delete them first); 409 default-group-immutable for ' +
      'the default group (it goes with its VPC); 409 conflict while rules of another group name it as their remote. ' +
      'A group of a project VPC (the one the Neutron-compatible API keeps per project) follows Neutron instead: it is deleted ' +
      'with its rules, and the rules of other groups that name it as their remote are deleted with it, in one change and one operation.',
  })
  @ApiAcceptedResponse({ type: SecurityGroupDeletedResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite(
    {
      404: 'not-found: no such group, or another tenant\'s',
      409: 'group-has-rules: delete its rules first; default-group-immutable: the default group goes with its VPC; conflict: rules of another group name it as their remote',
    },
    { body: false },
  )
  async delete(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const answer = groupChangeAnswer(202);
    send(res, await this.commandBus.execute(new DeleteSecurityGroupCommand(writeContext(ctx, answer), id)), answer);
  }
}
