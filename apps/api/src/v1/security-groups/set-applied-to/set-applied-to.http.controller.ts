import { Body, Controller, Inject, Param, Put, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { ChangeAppliedToCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseAppliedToInput } from '../security-group.input';
import { AppliedToRequest } from './applied-to.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class SetAppliedToHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Put(':id/applied-to')
  @ApiOperation({
    summary: 'Set what a security group applies to (the lists become exactly these)',
    description:
      'The console\'s "Apply Instances": instances and network segments not listed are detached; empty lists detach the group from everything. Instances must be of the group\'s VPC (400 otherwise; 404 for one that is unknown or not yours); an instance has at most 5 groups, counting those that reach it through a CIDR (422 quota-exceeded).',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({
    400: 'validation-failed: every bad field in errors[]; an instance of another VPC; an IPv4 segment outside the VPC\'s range',
    404: 'not-found: no such group (or another tenant\'s), or errors[] names an instance that is unknown or not yours',
    422: 'quota-exceeded: an instance would have more than 5 groups or 10,000 entries of the tenant in one hypervisor\'s desired state (stateEntriesPerHypervisor); idempotency-key-reused',
  })
  async set(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AppliedToRequest, @Res() res: Response): Promise<void> {
    const { instanceIds, cidrs, warnings } = parseAppliedToInput(body, false);
    const answer = groupChangeAnswer(202, warnings);
    send(res, await this.commandBus.execute(new ChangeAppliedToCommand(writeContext(ctx, answer), id, 'set', instanceIds, cidrs)), answer);
  }
}
