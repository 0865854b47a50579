import { Body, Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiExtraModels,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPreconditionFailedResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send } from '../../../platform/http/send';
import { SecurityGroupChangeResponse } from '../../security-group.presenter';
import { AddRulesCommand } from './add-rules.command';
import { AddRulesRequest, RemoteGroupRequest } from './add-rules.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@ApiExtraModels(RemoteGroupRequest)
@Controller('v1/security-groups')
export class AddRulesHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post(':id/rules')
  @ApiOperation({
    summary: 'Add rules to a security group, all or nothing',
    description:
      'Answers with the group as it is now, the operation that carries the change to the hypervisors, and warnings ' +
      '(host bits cleared, SSH or RDP open to the internet). Without If-Match, concurrent additions never lose each other.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The group\'s version, like "7": refused with 412 if the group has changed' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying the key with the same request returns the first response' })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'validation-failed: every bad field in errors[] (paths like rules[0].ports, rules[1].remote[2])' })
  @ApiNotFoundResponse({ description: 'not-found: no such group, or another tenant\'s' })
  @ApiConflictResponse({ description: 'duplicate-rule (detail names the existing rule id, or the earlier rule of the request), default-group-immutable' })
  @ApiPreconditionFailedResponse({ description: 'version-mismatch: If-Match is not the group\'s version' })
  @ApiUnprocessableEntityResponse({ description: 'quota-exceeded: over 200 rules in the group or 1000 addresses in the request (defaults); idempotency-key-reused' })
  async add(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AddRulesRequest, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new AddRulesCommand(ctx, id, body)));
  }
}
