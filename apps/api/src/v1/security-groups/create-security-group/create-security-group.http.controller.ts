import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { CoreSettings, CreateSecurityGroupCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { groupChangeAnswer, SecurityGroupChangeResponse } from '../security-group.presenter';
import { parseCreateSecurityGroupInput, ruleInputContext } from '../security-group.input';
import { CreateSecurityGroupRequest } from './create-security-group.request.dto';

@ApiTags('security-groups')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class CreateSecurityGroupHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create a security group, optionally with rules and applied at once',
    description:
      'Answers 201 with the group, the operation that carries it to the hypervisors (it succeeds at once when it applies to ' +
      'no instance) and warnings. 404 for a VPC that is not yours (errors path vpcId); 409 conflict for a name already used ' +
      'in the VPC; 422 quota-exceeded past 100 groups per VPC, 5 groups per instance (counting groups applied through a CIDR) ' +
      'or 200 rules. An applied IPv4 CIDR must lie inside the VPC\'s IPv4 range (400 otherwise).',
  })
  @ApiCreatedResponse({
    type: SecurityGroupChangeResponse,
    headers: {
      Location: { description: 'The new group', schema: { type: 'string' } },
      'Operation-Location': { description: 'The operation to follow', schema: { type: 'string' } },
    },
  })
  @ApiWrite(
    {
      404: 'not-found: errors[] names vpcId, an applyTo instance, or a remote group',
      409: 'conflict: the name is used by another group of the VPC; duplicate-rule: two equal rules in the request',
      422: 'quota-exceeded: over 100 groups per VPC, 5 groups per instance, 200 rules or 10,000 entries of the tenant in one hypervisor\'s desired state (stateEntriesPerHypervisor) (defaults); idempotency-key-reused',
    },
    { ifMatch: false },
  )
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateSecurityGroupRequest, @Res() res: Response): Promise<void> {
    const { warnings, ...group } = parseCreateSecurityGroupInput(body, ruleInputContext(ctx.callerIp, this.settings.limits));
    const answer = groupChangeAnswer(201, warnings, (groupId) => ({ Location: `/v1/security-groups/${groupId}` }));
    send(res, await this.commandBus.execute(new CreateSecurityGroupCommand(writeContext(ctx, answer), group)), answer);
  }
}
