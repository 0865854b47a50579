import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { CoreSettings, ReplaceRulesCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseReplaceRulesInput, ruleInputContext } from '../security-group.input';
import { ReplaceRulesRequest } from './replace-rules.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class ReplaceRulesHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  @Put(':id/rules')
  @ApiOperation({
    summary: 'Replace every rule of a security group (the console\'s "Edit Security Group")',
    description:
      'The rules become exactly the given lists. A rule that stays (same direction, protocol, ports, ICMP type/code and remote) keeps its id, ' +
      'even when its description changes; the others are removed or get new ids. Send If-Match to be sure you replace what you read.',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({
    400: 'validation-failed: every bad field in errors[] (paths like inboundRules[0].protocol)',
    404: 'not-found: no such group, or another tenant\'s',
    409: 'duplicate-rule (two equal rules in the new set), default-group-immutable',
    412: 'version-mismatch: If-Match is not the group\'s version',
    422: 'quota-exceeded: over 200 rules, 1000 addresses or 10,000 entries of the tenant in one hypervisor\'s desired state (stateEntriesPerHypervisor) (defaults); idempotency-key-reused',
  })
  async replace(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: ReplaceRulesRequest, @Res() res: Response): Promise<void> {
    const input = parseReplaceRulesInput(body, ruleInputContext(ctx.callerIp, this.settings.limits));
    const answer = groupChangeAnswer(202, input.warnings);
    send(res, await this.commandBus.execute(new ReplaceRulesCommand(writeContext(ctx, answer), id, input.rules)), answer);
  }
}
