import { Body, Controller, Delete, Inject, Param, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send } from '../../../platform/http/send';
import { SecurityGroupChangeResponse } from '../../security-group.presenter';
import { RemoveRulesCommand } from './remove-rules.command';
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
  @ApiHeader({ name: 'If-Match', required: false, description: 'The group\'s version, like "7": refused with 412 if the group has changed' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying the key with the same request returns the first response' })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'validation-failed: ruleIds missing, empty, or not strings' })
  @ApiNotFoundResponse({ description: 'not-found: no such group (or another tenant\'s), or a rule id not in it (errors[] lists each)' })
  @ApiConflictResponse({ description: 'default-group-immutable' })
  @ApiPreconditionFailedResponse({ description: 'version-mismatch: If-Match is not the group\'s version' })
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: RemoveRulesRequest, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new RemoveRulesCommand(ctx, id, body)));
  }
}
