import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { RegisterHypervisorCommand } from '@sg/application';
import { OperatorOnly } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { parseRegisterHypervisorRequest } from '../hypervisor.input';
import { hypervisorRegisteredAnswer, HypervisorResponse } from '../hypervisor.presenter';
import { RegisterHypervisorRequest } from './register-hypervisor.request.dto';

@ApiTags('hypervisors')
@ApiBearerAuth()
@Controller('v1/hypervisors')
export class RegisterHypervisorHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Put(':id')
  @OperatorOnly()
  @ApiOperation({ summary: 'Register a hypervisor\'s agent, or change its URL (operator). Repeating the same URL changes nothing.' })
  @ApiParam({ name: 'id', example: 'hv-1', description: 'Chosen by the caller: 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  @ApiCreatedResponse({ type: HypervisorResponse, description: 'Registered' })
  @ApiOkResponse({ type: HypervisorResponse, description: 'Updated, or already registered with this URL' })
  @ApiWrite({ 400: 'validation-failed: a bad hypervisor id or agentUrl', 403: 'forbidden: a member key' })
  async register(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: RegisterHypervisorRequest, @Res() res: Response): Promise<void> {
    const { agentUrl } = parseRegisterHypervisorRequest(id, body);
    send(res, await this.commandBus.execute(new RegisterHypervisorCommand(writeContext(ctx, hypervisorRegisteredAnswer), id, agentUrl)), hypervisorRegisteredAnswer);
  }
}
