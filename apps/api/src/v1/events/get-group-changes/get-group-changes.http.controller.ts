import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { GetGroupChangesQuery, type GroupChange } from '@sg/application';
import type { FieldIssue } from '@sg/domain';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { presentRule, RuleResponse } from '../../security-groups/security-group.presenter';
import { throwIfIssues } from '../event-query-params';
import { parseRfc3339 } from '../get-group-history/history-params';

class StringChangeResponse {
  @ApiProperty({ example: 'web' }) from!: string;
  @ApiProperty({ example: 'web-servers' }) to!: string;
}

class TagsChangeResponse {
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { env: 'prod' }, description: 'Tags added, or given a new value' })
  set!: Record<string, string>;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { owner: 'bob' }, description: 'Tags removed, with the values they had' })
  removed!: Record<string, string>;
}

export class GroupChangeResponse {
  @ApiProperty({ example: 3, description: 'The group\'s version after this change' }) version!: number;
  @ApiProperty({ example: 1042, description: 'The event\'s global position' }) position!: number;
  @ApiProperty({ example: 'security-group.rules.added' }) type!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.004Z' }) recordedAt!: string;
  @ApiProperty({ example: 'demo/member#3f9a1c2e' }) actor!: string;
  @ApiProperty({ example: '5b0f3c1e-8d2a-4c1b-9f8e-2a7d6c5b4a39', nullable: true, type: String }) requestId!: string | null;
  @ApiProperty({ example: false, description: 'The group was created by this change' }) created!: boolean;
  @ApiProperty({ example: false, description: 'The group was deleted by this change (everything it had is then removed)' }) deleted!: boolean;
  @ApiProperty({ type: StringChangeResponse, nullable: true, description: 'null: unchanged' }) name!: StringChangeResponse | null;
  @ApiProperty({ type: StringChangeResponse, nullable: true, description: 'null: unchanged' }) description!: StringChangeResponse | null;
  @ApiProperty({ type: TagsChangeResponse }) tags!: TagsChangeResponse;
  @ApiProperty({ type: [RuleResponse] }) rulesAdded!: RuleResponse[];
  @ApiProperty({ type: [RuleResponse] }) rulesRemoved!: RuleResponse[];
  @ApiProperty({ example: ['i-0mh2k8q1a7c1d2e3f4a5d'] }) instancesAttached!: string[];
  @ApiProperty({ example: [] }) instancesDetached!: string[];
  @ApiProperty({ example: ['10.0.1.0/24'] }) cidrsAdded!: string[];
  @ApiProperty({ example: [] }) cidrsRemoved!: string[];
}

export function presentGroupChange({ event, diff }: GroupChange): GroupChangeResponse {
  return {
    version: event.version,
    position: Number(event.position),
    type: event.type,
    recordedAt: event.recordedAt.toISOString(),
    actor: event.metadata.actor,
    requestId: event.metadata.requestId ?? null,
    created: diff.created === true,
    deleted: diff.deleted === true,
    name: diff.name ?? null,
    description: diff.description ?? null,
    tags: diff.tags ?? { set: {}, removed: {} },
    rulesAdded: (diff.rulesAdded ?? []).map(presentRule),
    rulesRemoved: (diff.rulesRemoved ?? []).map(presentRule),
    instancesAttached: diff.instancesAttached ?? [],
    instancesDetached: diff.instancesDetached ?? [],
    cidrsAdded: diff.cidrsAdded ?? [],
    cidrsRemoved: diff.cidrsRemoved ?? [],
  };
}

function timeParam(query: Record<string, unknown>, name: 'from' | 'to', issues: FieldIssue[]): Date | undefined {
  const raw = query[name];
  if (raw === undefined) return undefined;
  // An unencoded `+02:00` arrives as ` 02:00` (a `+` in a query string is a space): read it as meant.
  const parsed = typeof raw === 'string' && raw.length <= 64 ? parseRfc3339(raw.replace(/ (\d{2}:\d{2})$/, '+$1')) : null;
  if (!parsed) issues.push({ path: name, message: 'must be an RFC 3339 timestamp, like 2026-11-27T10:00:00Z' });
  return parsed ?? undefined;
}

@ApiTags('events')
@ApiBearerAuth()
@Controller('v1/security-groups')
export class GetGroupChangesHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get(':id/changes')
  @ApiOperation({
    summary: 'What each change did to a security group, and who made it',
    description:
      'The group\'s events in version order, each with a readable difference: rules added and removed (a replaced rule is ' +
      'one removed and one added), instances and CIDRs attached and detached, the name, description and tags, and the ' +
      'actor and request id. Replayed from the events through the same logic every command decides on. `from` (inclusive) ' +
      'and `to` (exclusive) keep the changes recorded in that window (`recordedAt`). 404 for another tenant\'s group; a ' +
      'deleted group\'s changes stay readable.',
  })
  @ApiQuery({ name: 'from', required: false, schema: { type: 'string', format: 'date-time' }, example: '2026-11-27T00:00:00Z', description: 'Recorded at or after (RFC 3339)' })
  @ApiQuery({ name: 'to', required: false, schema: { type: 'string', format: 'date-time' }, example: '2026-11-28T00:00:00Z', description: 'Recorded before (RFC 3339); not before `from`' })
  @ApiOkResponse({ type: [GroupChangeResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad from or to', 404: 'not-found: no such group, or another tenant\'s' })
  async list(@Ctx() ctx: RequestContext, @Param('id') id: string, @Query() query: Record<string, unknown>): Promise<GroupChangeResponse[]> {
    const issues: FieldIssue[] = [];
    const from = timeParam(query, 'from', issues);
    const to = timeParam(query, 'to', issues);
    if (from && to && from.getTime() > to.getTime()) issues.push({ path: 'to', message: 'must not be before from' });
    throwIfIssues(issues);
    const changes = await this.queryBus.execute(new GetGroupChangesQuery(ctx.principal, id, from, to));
    return changes.map(presentGroupChange);
  }
}
