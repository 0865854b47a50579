import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { RegisterHypervisorCommand } from '@sg/application';
import { ValidationFailed } from '@sg/domain';
import { AgentUrlPolicy, type AppConfig } from '@sg/infra';
import { APP_CONFIG } from '../../../platform/config.module';
import { AgentRoute } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { parseRegisterHypervisorRequest } from '../hypervisor.input';
import { hypervisorRegisteredAnswer, HypervisorResponse } from '../hypervisor.presenter';
import { RegisterHypervisorRequest } from './register-hypervisor.request.dto';

@ApiTags('hypervisors')
@ApiBearerAuth()
@Controller('v1/hypervisors')
export class RegisterHypervisorHttpController {
  private readonly urls: AgentUrlPolicy;

  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.urls = new AgentUrlPolicy(config.propagation.agentUrls);
  }

  @Put(':id')
  @AgentRoute('agent-only')
  @ApiOperation({
    summary:
      'Register a hypervisor\'s agent, or change its URL: only the agent itself, with its own credential (`Authorization: Bearer <AGENT_TOKEN>`); an API key gets 403. ' +
      'The URL must be on the agent networks (AGENT_NETWORKS); loopback only when AGENT_URL_ALLOW_LOOPBACK. Repeating the same URL changes nothing.',
  })
  @ApiParam({ name: 'id', example: 'hv-1', description: 'Chosen by the caller: 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  @ApiCreatedResponse({ type: HypervisorResponse, description: 'Registered' })
  @ApiOkResponse({ type: HypervisorResponse, description: 'Updated, or already registered with this URL' })
  @ApiWrite({ 400: 'validation-failed: a bad hypervisor id or agentUrl, or an agentUrl outside the agent networks', 403: 'forbidden: an API key (only the agent registers)' })
  async register(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: RegisterHypervisorRequest, @Res() res: Response): Promise<void> {
    const { agentUrl } = parseRegisterHypervisorRequest(id, body);
    const refusal = this.urls.urlRefusal(agentUrl);
    if (refusal) throw new ValidationFailed([{ path: 'agentUrl', message: `must be an address on the agent networks: ${refusal}` }]);
    send(res, await this.commandBus.execute(new RegisterHypervisorCommand(writeContext(ctx, hypervisorRegisteredAnswer), id, agentUrl)), hypervisorRegisteredAnswer);
  }
}
