import { Body, Controller, Delete, Get, Inject, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { CreateVpcCommand, DeleteVpcCommand, GetVpcQuery, isIdShape, ListVpcsQuery, type Page, type VpcCreated, type VpcRecord } from '@sg/application';
import { DomainError } from '@sg/domain';
import type { Request, Response } from 'express';
import { Public } from '../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../platform/http/request-context';
import { applyListQuery } from '../platform/list-query';
import { envelope, onlyFields, optionalText } from '../platform/neutron-body';
import { notFound } from '../platform/neutron-error';
import { neutronWrite, sendNeutron } from '../platform/neutron-write';
import { TokenGuard } from '../platform/token.guard';
import { presentNetwork } from './network.presenter';

const FIELDS = ['name', 'description', 'admin_state_up', 'shared', 'project_id', 'tenant_id', 'tags', 'mtu', 'port_security_enabled'];

/** `/v2.0/networks`: a network is a VPC of the caller's project (created, shown, listed and deleted as /v1 does it). */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/networks')
export class NetworksHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Post()
  async create(@Ctx() ctx: RequestContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const input = envelope(body, 'network');
    onlyFields(input, FIELDS);
    const name = optionalText(input, 'name') || 'network';
    const answer = ({ vpc }: VpcCreated) => ({ statusCode: 201, headers: {}, body: { network: presentNetwork(vpc) } });
    sendNeutron(res, await this.commandBus.execute(new CreateVpcCommand(neutronWrite(ctx, answer), name, null)), answer);
  }

  @Get()
  async list(@Ctx() ctx: RequestContext, @Req() req: Request) {
    const vpcs: VpcRecord[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<VpcRecord> = await this.queryBus.execute(new ListVpcsQuery(ctx.principal, { limit: 1000, cursor }));
      vpcs.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return applyListQuery(req, 'networks', vpcs.map(presentNetwork));
  }

  @Get(':id')
  async show(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return { network: presentNetwork(await this.find(ctx, id)) };
  }

  @Delete(':id')
  async delete(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await this.find(ctx, id);
    const answer = () => ({ statusCode: 204, headers: {}, body: null });
    sendNeutron(res, await this.commandBus.execute(new DeleteVpcCommand(neutronWrite(ctx, answer), id)), answer);
  }

  private async find(ctx: RequestContext, id: string): Promise<VpcRecord> {
    const missing = notFound(`Network ${id} could not be found.`, 'NetworkNotFound');
    if (!isIdShape(id)) throw missing;
    try {
      return await this.queryBus.execute(new GetVpcQuery(ctx.principal, id));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') throw missing;
      throw error;
    }
  }
}
