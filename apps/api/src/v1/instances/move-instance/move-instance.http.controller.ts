import { Body, Controller, Inject, Param, Patch, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { MoveInstanceCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { parseMoveInstanceInput } from '../instance.input';
import { InstanceChangeResponse, instanceChangeAnswer } from '../instance.presenter';
import { MoveInstanceRequest } from './move-instance.request.dto';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class MoveInstanceHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @ApiOperation({
    summary: 'Move a VM to another hypervisor; both hypervisors are updated',
    description:
      'The operation targets the old hypervisor (which drops the port) and the new one. Moving to the hypervisor it is on changes nothing; ' +
      'its operation succeeds at once. Unknown hypervisor: 404 naming `hypervisorId`. Accepts `If-Match`.',
  })
  @ApiAcceptedResponse({ type: InstanceChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({
    400: 'validation-failed',
    404: 'not-found: no such instance (or another tenant\'s), or errors[] names hypervisorId',
    412: 'version-mismatch: If-Match is not the instance\'s version',
    422: 'quota-exceeded: the port would pass 10,000 entries of the tenant in the new hypervisor\'s desired state (stateEntriesPerHypervisor; default); idempotency-key-reused',
  })
  async move(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: MoveInstanceRequest, @Res() res: Response): Promise<void> {
    const { hypervisorId } = parseMoveInstanceInput(body);
    const answer = instanceChangeAnswer(202);
    send(res, await this.commandBus.execute(new MoveInstanceCommand(writeContext(ctx, answer), id, hypervisorId)), answer);
  }
}
