import { Body, Controller, Delete, Get, Inject, Param, Put, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { GetQuotasQuery, type QuotasChanged, SetQuotasCommand } from '@sg/application';
import type { Quotas } from '@sg/domain';
import type { Response } from 'express';
import { Public } from '../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../platform/http/request-context';
import { envelope } from '../platform/neutron-body';
import { badRequest, NeutronError } from '../platform/neutron-error';
import { neutronWrite, sendNeutron } from '../platform/neutron-write';
import { TokenGuard } from '../platform/token.guard';

const RESOURCES: Record<string, keyof Quotas> = { security_group: 'securityGroups', security_group_rule: 'securityGroupRules' };

/** A project is a tenant as API_KEYS names one; anything else names no project. */
function projectParam(project: string): string {
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(project)) throw new NeutronError(404, 'NotFound', `Project ${project.slice(0, 64)} could not be found.`);
  return project;
}

function present({ quotas }: QuotasChanged) {
  return { quota: { security_group: quotas.securityGroups, security_group_rule: quotas.securityGroupRules } };
}

/** `{"quota": {"security_group": N, "security_group_rule": N}}`: integers -1 (unlimited) … 2147483647, or their decimal text. */
function parseQuotaUpdate(body: unknown): Partial<Quotas> {
  const input = envelope(body, 'quota');
  const changes: Partial<Quotas> = {};
  for (const [key, raw] of Object.entries(input)) {
    const field = RESOURCES[key];
    if (!field) throw badRequest(`Unrecognized attribute(s) '${key}'`, 'HTTPBadRequest');
    const value = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?[0-9]{1,12}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(value) || value < -1 || value > 2147483647) {
      throw badRequest(`Invalid input for ${key}. Reason: '${String(raw)}' is not an integer from -1 to 2147483647.`, 'HTTPBadRequest');
    }
    changes[field] = value;
  }
  return changes;
}

/** `/v2.0/quotas/{project_id}`: a member reads its own project's; an admin reads, sets and resets any. */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/quotas')
export class QuotasHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Get(':project/details')
  async details(@Ctx() ctx: RequestContext, @Param('project') project: string) {
    const found: QuotasChanged = await this.queryBus.execute(new GetQuotasQuery(ctx.principal, projectParam(project)));
    const item = (limit: number, used: number) => ({ limit, used, reserved: 0 });
    return {
      quota: {
        security_group: item(found.quotas.securityGroups, found.usage.securityGroups),
        security_group_rule: item(found.quotas.securityGroupRules, found.usage.securityGroupRules),
      },
    };
  }

  @Get(':project')
  async show(@Ctx() ctx: RequestContext, @Param('project') project: string) {
    return present(await this.queryBus.execute(new GetQuotasQuery(ctx.principal, projectParam(project))));
  }

  @Put(':project')
  async update(@Ctx() ctx: RequestContext, @Param('project') project: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    this.adminOnly(ctx);
    const changes = parseQuotaUpdate(body);
    const answer = (outcome: QuotasChanged) => ({ statusCode: 200, headers: {}, body: present(outcome) });
    sendNeutron(res, await this.commandBus.execute(new SetQuotasCommand(neutronWrite(ctx, answer), projectParam(project), changes)), answer);
  }

  @Delete(':project')
  async reset(@Ctx() ctx: RequestContext, @Param('project') project: string, @Res() res: Response): Promise<void> {
    this.adminOnly(ctx);
    const answer = () => ({ statusCode: 204, headers: {}, body: null });
    sendNeutron(res, await this.commandBus.execute(new SetQuotasCommand(neutronWrite(ctx, answer), projectParam(project), null)), answer);
  }

  private adminOnly(ctx: RequestContext): void {
    if (ctx.principal.role !== 'operator') throw new NeutronError(403, 'Forbidden', 'Only an admin may change quotas.');
  }
}
