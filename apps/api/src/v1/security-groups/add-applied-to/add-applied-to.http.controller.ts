import { Body, Controller, Inject, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { ChangeAppliedToCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseAppliedToInput } from '../security-group.input';
import { AppliedToRequest } from '../set-applied-to/applied-to.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class AddAppliedToHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post(':id/applied-to')
  @ApiOperation({
    summary: 'Apply a security group to more instances or network segments',
    description:
      'Entries the group already applies to are left as they are; give at least one. Instances must be of the group\'s VPC (400 otherwise; 404 for one that is unknown or not yours); an instance has at most 5 groups, counting those that reach it through a CIDR (422 quota-exceeded).',
  })
  @ApiAcceptedResponse({ type: SecurityGroupChangeResponse, headers: { 'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } } } })
  @ApiWrite({
    400: 'validation-failed: every bad field in errors[]; no entries; an instance of another VPC; an IPv4 segment outside the VPC\'s range',
    404: 'not-found: no such group (or another tenant\'s), or errors[] names an instance that is unknown or not yours',
    422: 'quota-exceeded: an instance would have more than 5 groups or 10,000 entries of the tenant in one hypervisor\'s desired state (stateEntriesPerHypervisor); idempotency-key-reused',
  })
  async add(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: AppliedToRequest, @Res() res: Response): Promise<void> {
    const { instanceIds, cidrs, warnings } = parseAppliedToInput(body, true);
    const answer = groupChangeAnswer(202, warnings);
    send(res, await this.commandBus.execute(new ChangeAppliedToCommand(writeContext(ctx, answer), id, 'add', instanceIds, cidrs)), answer);
  }
}
