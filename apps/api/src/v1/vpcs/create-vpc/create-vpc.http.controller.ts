import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { CreateVpcCommand } from '@sg/application';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send, writeContext } from '../../../platform/http/send';
import { parseCreateVpcInput } from '../vpc.input';
import { vpcCreatedAnswer, VpcResponse } from '../vpc.presenter';
import { CreateVpcRequest } from './create-vpc.request.dto';

@ApiTags('vpcs')
@ApiBearerAuth()
@Controller('v1/vpcs')
export class CreateVpcHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post()
  @ApiOperation({ summary: 'Create a VPC with its default security group (six outbound rules, no inbound)' })
  @ApiCreatedResponse({ type: VpcResponse })
  @ApiWrite({}, { ifMatch: false })
  async create(@Ctx() ctx: RequestContext, @Body() body: CreateVpcRequest, @Res() res: Response): Promise<void> {
    const { name, cidr, warnings } = parseCreateVpcInput(body);
    const answer = vpcCreatedAnswer(warnings);
    send(res, await this.commandBus.execute(new CreateVpcCommand(writeContext(ctx, answer), name, cidr)), answer);
  }
}
