import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
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
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send } from '../../../platform/http/send';
import { SecurityGroupChangeResponse } from '../../security-group.presenter';
import { ReplaceRulesCommand } from './replace-rules.command';
import { ReplaceRulesRequest } from './replace-rules.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class ReplaceRulesHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Put(':id/rules')
  @ApiOperation({
    summary: 'Replace every rule of a security group (the console\'s "Edit Security Group")',
    description:
      'The rules become exactly the given lists. A rule that stays (same direction, protocol, ports, ICMP type/code and remote) keeps its id, ' +
      'even when its description changes; the others are removed or get new ids. Send If-Match to be sure you replace what you read.',
  })
  @ApiHeader({ name: 'If-Match', required: false, description: 'The group\'s version, like "7": refused with 412 if the group has changed' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Replaying the key with the same request returns the first response' })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiBadRequestResponse({ description: 'validation-failed: every bad field in errors[] (paths like inboundRules[0].protocol)' })
  @ApiNotFoundResponse({ description: 'not-found: no such group, or another tenant\'s' })
  @ApiConflictResponse({ description: 'duplicate-rule (two equal rules in the new set), default-group-immutable' })
  @ApiPreconditionFailedResponse({ description: 'version-mismatch: If-Match is not the group\'s version' })
  @ApiUnprocessableEntityResponse({ description: 'quota-exceeded: over 200 rules or 1000 addresses (defaults); idempotency-key-reused' })
  async replace(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: ReplaceRulesRequest, @Res() res: Response): Promise<void> {
    send(res, await this.commandBus.execute(new ReplaceRulesCommand(ctx, id, body)));
  }
}
