import { Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { RemoveRulesCommand } from '@sg/application';
import { DomainError } from '@sg/domain';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class RemoveRuleHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Delete(':id/rules/:ruleId')
  @ApiOperation({
    summary: 'Remove one rule from a security group',
    description: 'Answers with the group as it is now and the operation that carries the change. Established connections the rule allowed are cut.',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite(
    {
      404: 'not-found: no such group (or another tenant\'s), or no such rule in it',
      409: 'default-group-immutable',
      412: 'version-mismatch: If-Match is not the group\'s version',
    },
    { body: false },
  )
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('ruleId') ruleId: string, @Res() res: Response): Promise<void> {
    const answer = groupChangeAnswer(202);
    send(res, await this.commandBus.execute(new RemoveRulesCommand(writeContext(ctx, answer), id, [ruleId])).catch(withoutIssues), answer);
  }
}

/** The core names a missing rule under `ruleIds`; here the rule is in the path, not the body, so no field is named. */
function withoutIssues(error: unknown): never {
  if (error instanceof DomainError && error.code === 'not-found') throw new DomainError('not-found', error.message);
  throw error;
}
