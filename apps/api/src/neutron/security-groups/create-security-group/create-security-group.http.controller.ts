import { Body, Controller, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { CreateSecurityGroupCommand, type GroupChanged, groupRecordAt, type NewSecurityGroup } from '@sg/application';
import type { Response } from 'express';
import { Public } from '../../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { badRequest } from '../../platform/neutron-error';
import { neutronWrite, operationHeaders, sendNeutron } from '../../platform/neutron-write';
import { projectVpc } from '../../platform/project-vpc';
import { TokenGuard } from '../../platform/token.guard';
import { parseCreateGroups } from '../security-group.input';
import { presentGroup } from '../security-group.presenter';

/**
 * `POST /v2.0/security-groups`: a group in the project's VPC, with Neutron's two egress rules.
 * A bulk request (`{"security_groups": [...]}`) creates its groups in one change, as Neutron does:
 * all of them or none (a group past the quota refuses the whole request).
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
    const projects = new Set(groups.map((g) => g.project ?? ctx.principal.tenant));
    if (projects.size > 1) throw badRequest('The groups of one bulk request must belong to one project.', 'HTTPBadRequest');
    const vpc = await projectVpc(this.commandBus, ctx, groups[0].project);
    const [first, ...rest] = groups.map(
      (input): NewSecurityGroup => ({ vpcId: vpc.id, name: input.name, description: input.description, tags: input.tags, rules: [], applyTo: { instanceIds: [], cidrs: [] } }),
    );
    const answer = (change: GroupChanged) => {
      const created = [{ group: change.group!, version: change.version }, ...(change.others ?? []).map((o) => ({ group: o.group!, version: o.version }))];
      const presented = created.map(({ group, version }) => presentGroup(groupRecordAt(group, version)));
      return { statusCode: 201, headers: operationHeaders(change.operation), body: bulk ? { security_groups: presented } : { security_group: presented[0] } };
    };
    sendNeutron(res, await this.commandBus.execute(new CreateSecurityGroupCommand(neutronWrite(ctx, answer), first, rest)), answer);
  }
}
