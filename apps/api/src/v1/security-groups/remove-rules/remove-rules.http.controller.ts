import { Body, Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { RemoveRulesCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseRuleIdsInput } from '../security-group.input';
import { RemoveRulesRequest } from './remove-rules.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class RemoveRulesHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':id/rules')
  @ApiOperation({
    summary: 'Remove several rules from a security group, all or nothing',
    description: 'Answers with the group as it is now and the operation that carries the change. One unknown rule id and nothing is removed.',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({
    400: 'validation-failed: ruleIds missing, empty, or not strings',
    404: 'not-found: no such group (or another tenant\'s), or a rule id not in it (errors[] lists each)',
    409: 'default-group-immutable',
    412: 'version-mismatch: If-Match is not the group\'s version',
  })
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: RemoveRulesRequest, @Res() res: Response): Promise<void> {
    const ruleIds = parseRuleIdsInput(body);
    const answer = groupChangeAnswer(202);
    send(res, await this.commandBus.execute(new RemoveRulesCommand(writeContext(ctx, answer), id, ruleIds)), answer);
  }
}
