import { Body, Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiExtraModels, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { AddRulesCommand, CoreSettings } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseAddRulesInput, ruleInputContext } from '../security-group.input';
import { AddRulesRequest, RemoteGroupRequest } from './add-rules.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@ApiExtraModels(RemoteGroupRequest)
@Controller('v1/security-groups')
export class AddRulesHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  @Post(':id/rules')
  @ApiOperation({
    summary: 'Add rules to a security group, all or nothing',
    description:
      'Answers with the group as it is now, the operation that carries the change to the hypervisors, and warnings ' +
      '(host bits cleared, SSH or RDP open to the internet). Without If-Match, concurrent additions never lose each other.',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({
    400: 'validation-failed: every bad field in errors[] (paths like rules[0].ports, rules[1].remote[2])',
    404: 'not-found: no such group, or another tenant\'s',
    409: 'duplicate-rule (detail names the existing rule id, or the earlier rule of the request), default-group-immutable',
    412: 'version-mismatch: If-Match is not the group\'s version',
    422: 'quota-exceeded: over 200 rules in the group, 1000 addresses in the request or 10,000 entries of the tenant in one hypervisor\'s desired state (stateEntriesPerHypervisor) (defaults); idempotency-key-reused',
  })
  async add(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AddRulesRequest, @Res() res: Response): Promise<void> {
    const input = parseAddRulesInput(body, ruleInputContext(ctx.callerIp, this.settings.limits));
    const answer = groupChangeAnswer(202, input.warnings);
    send(res, await this.commandBus.execute(new AddRulesCommand(writeContext(ctx, answer), id, input.rules)), answer);
  }
}
