import { Body, Controller, Inject, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { UpdateSecurityGroupCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseUpdateSecurityGroupInput } from '../security-group.input';
import { UpdateSecurityGroupRequest } from './update-security-group.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class UpdateSecurityGroupHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Rename, describe or tag a security group',
    description:
      'Metadata reaches no hypervisor, so the answer is 200 with the group and no operation. 409 conflict for a name used ' +
      'by another group of the VPC; 409 default-group-immutable for renaming the default group (its description and tags may change).',
  })
  @ApiOkResponse({ type: SecurityGroupChangeResponse })
  @ApiWrite({
    404: 'not-found: no such group, or another tenant\'s',
    409: 'conflict: the name is used by another group of the VPC; default-group-immutable: renaming the default group',
  })
  async update(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: UpdateSecurityGroupRequest, @Res() res: Response): Promise<void> {
    const changes = parseUpdateSecurityGroupInput(body);
    const answer = groupChangeAnswer(200);
    send(res, await this.commandBus.execute(new UpdateSecurityGroupCommand(writeContext(ctx, answer), id, changes)), answer);
  }
}
