import { Body, Controller, Delete, Get, Inject, Param, Put, Res, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiExcludeController } from '@nestjs/swagger';
import { type GroupChanged, UpdateSecurityGroupCommand } from '@sg/application';
import type { Response } from 'express';
import { Public } from '../../platform/auth/roles.decorator';
import { Ctx, RequestContext } from '../../platform/http/request-context';
import { isObject } from '../platform/neutron-body';
import { badRequest, notFound } from '../platform/neutron-error';
import { neutronWrite, operationHeaders, sendNeutron } from '../platform/neutron-write';
import { TokenGuard } from '../platform/token.guard';
import { findNeutronGroup } from '../security-groups/find-group';
import { tagList } from '../security-groups/security-group.presenter';

const MAX_TAG = 60;

function checkTag(tag: unknown): string {
  if (typeof tag !== 'string' || tag.length === 0 || [...tag].length > MAX_TAG || tag.includes(',') || tag.includes('\u0000')) {
    throw badRequest(`Invalid tag ${JSON.stringify(tag)}: 1 to ${MAX_TAG} characters, no commas.`, 'InvalidInput');
  }
  return tag;
}

/**
 * Neutron's tags on a security group (`/v2.0/security-groups/{id}/tags`): a list of strings, kept
 * as the keys of the group's tag map (value ""), so /v1 shows them as tags too. A /v1 tag's key
 * shows here as a tag.
 */
@ApiExcludeController()
@Public()
@UseGuards(TokenGuard)
@Controller('v2.0/security-groups/:id/tags')
export class TagsHttpController {
  constructor(
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(QueryBus) private readonly queryBus: QueryBus,
  ) {}

  @Get()
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string) {
    return { tags: tagList((await findNeutronGroup(this.queryBus, ctx.principal, id)).tags) };
  }

  @Get(':tag')
  async show(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('tag') tag: string, @Res() res: Response): Promise<void> {
    const group = await findNeutronGroup(this.queryBus, ctx.principal, id);
    if (!Object.hasOwn(group.tags, tag)) throw notFound(`Tag ${tag} could not be found for security-group ${id}.`, 'TagNotFound');
    res.status(204).end();
  }

  @Put()
  async replace(@Ctx() ctx: RequestContext, @Param('id') id: string, @Body() body: unknown, @Res() res: Response): Promise<void> {
    if (!isObject(body) || !Array.isArray(body.tags)) throw badRequest('Invalid input: {"tags": [...]} expected.', 'InvalidInput');
    const tags = [...new Set(body.tags.map(checkTag))];
    await findNeutronGroup(this.queryBus, ctx.principal, id);
    await this.write(ctx, res, id, Object.fromEntries(tags.map((t) => [t, ''])), 200, (list) => ({ tags: list }));
  }

  @Put(':tag')
  async add(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('tag') tag: string, @Res() res: Response): Promise<void> {
    checkTag(tag);
    const group = await findNeutronGroup(this.queryBus, ctx.principal, id);
    await this.write(ctx, res, id, { ...group.tags, [tag]: group.tags[tag] ?? '' }, 201, () => null);
  }

  @Delete()
  async clear(@Ctx() ctx: RequestContext, @Param('id') id: string, @Res() res: Response): Promise<void> {
    await findNeutronGroup(this.queryBus, ctx.principal, id);
    await this.write(ctx, res, id, {}, 204, () => null);
  }

  @Delete(':tag')
  async remove(@Ctx() ctx: RequestContext, @Param('id') id: string, @Param('tag') tag: string, @Res() res: Response): Promise<void> {
    const group = await findNeutronGroup(this.queryBus, ctx.principal, id);
    if (!Object.hasOwn(group.tags, tag)) throw notFound(`Tag ${tag} could not be found for security-group ${id}.`, 'TagNotFound');
    const rest = Object.fromEntries(Object.entries(group.tags).filter(([k]) => k !== tag));
    await this.write(ctx, res, id, rest, 204, () => null);
  }

  private async write(ctx: RequestContext, res: Response, id: string, tags: Record<string, string>, status: number, body: (tags: string[]) => unknown): Promise<void> {
    const answer = (change: GroupChanged) => ({ statusCode: status, headers: operationHeaders(change.operation), body: body(tagList(change.group!.tags)) });
    const written = await this.commandBus.execute(new UpdateSecurityGroupCommand(neutronWrite(ctx, answer), id, { tags }));
    if (status === 201 && !written.replayed) {
      res.status(201).set(answer(written.outcome).headers).end();
      return;
    }
    sendNeutron(res, written, answer);
  }
}
