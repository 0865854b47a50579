import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { RegisterInstanceCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { parseRegisterInstanceInput } from '../instance.input';
import { InstanceChangeResponse, instanceChangeAnswer } from '../instance.presenter';
import { RegisterInstanceRequest } from './register-instance.request.dto';

@ApiTags('instances')
@ApiBearerAuth()
@Controller('v1/instances')
export class RegisterInstanceHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({
    summary: 'Register a VM on a hypervisor; the VPC\'s default group is applied to it',
    description:
      'Unknown VPC (or another tenant\'s) or unknown hypervisor: 404 naming `vpcId` / `hypervisorId` in `errors`. An IPv4 address outside the ' +
      'VPC\'s CIDR is a 400; an address another instance of the VPC has is a 409 (conflict). The hypervisor is told through the returned operation.',
  })
  @ApiCreatedResponse({ type: InstanceChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite(
    {
      400: 'validation-failed: every bad field in errors[]; ipv4 outside the VPC\'s CIDR, or its network or broadcast address',
      404: 'not-found: errors[] names vpcId and/or hypervisorId',
      409: 'conflict: another instance of the VPC has the address',
      422: 'quota-exceeded: the port would pass 10,000 entries of the tenant in the hypervisor\'s desired state (stateEntriesPerHypervisor; default); idempotency-key-reused',
    },
    { ifMatch: false },
  )
  async register(@Ctx() ctx: RequestContext, @Body() body: RegisterInstanceRequest, @Res() res: Response): Promise<void> {
    const instance = parseRegisterInstanceInput(body);
    const answer = instanceChangeAnswer(201, (id) => ({ Location: `/v1/instances/${id}` }));
    send(res, await this.commandBus.execute(new RegisterInstanceCommand(writeContext(ctx, answer), instance)), answer);
  }
}
