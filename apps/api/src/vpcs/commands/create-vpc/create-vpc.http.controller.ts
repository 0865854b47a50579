import { Body, Controller, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiWrite } from '../../../platform/http/problem.response';
import type { Response } from 'express';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { send } from '../../../platform/http/send';
import { VpcResponse } from '../../vpc.presenter';
import { CreateVpcCommand } from './create-vpc.command';
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
    send(res, await this.commandBus.execute(new CreateVpcCommand(ctx, body)));
  }
}
