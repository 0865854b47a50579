import { Body, Controller, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { CreateSecurityGroupCommand, type GroupChanged, groupRecordAt } from '@sg/application';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { neutronWrite, operationHeaders } from '../../platform/neutron-write';
import { projectVpc } from '../../platform/project-vpc';
import { TokenGuard } from '../../platform/token.guard';
import { parseCreateGroups } from '../security-group.input';
import { type NeutronGroup, presentGroup } from '../security-group.presenter';

/**
 * `POST /v2.0/security-groups`: a group in the project's VPC, with Neutron's two egress rules.
 * Bulk requests create each group in turn.
 */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-groups')
export class CreateSecurityGroupHttpController {
  constructor(@Inject(CommandBus) private readonly commandBus: CommandBus) {}

  @Post()
  async create(@Ctx() ctx: RequestContext, @Body() body: unknown, @Res() res: Response): Promise<void> {
    const { bulk, groups } = parseCreateGroups(body);
    const created: NeutronGroup[] = [];
    let headers: Record<string, string> = {};
    for (const input of groups) {
      const vpc = await projectVpc(this.commandBus, ctx, input.project);
      const answer = (change: GroupChanged) => ({ statusCode: 201, headers: operationHeaders(change.operation), body: { security_group: presentGroup(groupRecordAt(change.group!, change.version)) } });
      const written = await this.commandBus.execute(
        new CreateSecurityGroupCommand(neutronWrite(ctx, answer), {
          vpcId: vpc.id,
          name: input.name,
          description: input.description,
          tags: input.tags,
          rules: [],
          applyTo: { instanceIds: [], cidrs: [] },
        }),
      );
      const sent = written.replayed ? JSON.parse((written.answer as { body: string }).body) : answer(written.outcome).body;
      if (!written.replayed) headers = answer(written.outcome).headers;
      created.push(sent.security_group);
    }
    res.status(201).set(bulk ? {} : headers).json(bulk ? { security_groups: created } : { security_group: created[0] });
  }
}
