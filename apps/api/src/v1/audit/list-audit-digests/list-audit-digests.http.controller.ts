import { Controller, Get, Inject, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { type ListedDigest, ListAuditDigestsQuery } from '@sg/application';
import type { FieldIssue } from '@sg/domain';
import { ApiProblems } from '../../../platform/http/problem.response';
import { Ctx, RequestContext } from '../../../platform/http/request-context';
import { MAX_PAGE, throwIfIssues, wholeNumberParam } from '../../events/event-query-params';

export class AuditDigestResponse {
  @ApiProperty({ example: 3, description: 'The digest\'s number in its scope (1-based); `after` pages by it' }) sequence!: number;
  @ApiProperty({ example: 'all', description: '`all` (every event) or a tenant (its events only)' }) scope!: string;
  @ApiProperty({ example: '1042', description: 'Where the feed recorded the digest itself' }) position!: string;
  @ApiProperty({ example: '2026-11-27T10:05:00.000Z' }) recordedAt!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { format: 1, scope: 'all', from: { transactionId: '0', position: '0' }, to: { transactionId: '913', position: '42' }, createdAt: '2026-11-27T10:05:00.000Z', previousDigest: null, count: 1, events: [['42', '3f0c…']], streams: { 'sg-0mh2k8q1a7c1d2e3f4a5b': { version: 3, hash: '3f0c…' } } },
    description:
      'What is signed: `format` 1, `scope`, `from` and `to` (feed cursors, {transactionId, position}: the events after `from` up to ' +
      '`to` in commit order), `createdAt`, `previousDigest` (the previous digest\'s `digestHash`, null for the first), `count`, ' +
      '`events` ([position, hash] of each event of the scope in the range, in feed order) and `streams` ({streamId: {version, hash}}: ' +
      'each touched stream\'s last event in the range). docs/audit.md gives the canonical text that is hashed and signed.',
  })
  digest!: Record<string, unknown>;
  @ApiProperty({ example: '8c1d…', description: 'hex SHA-256 of the digest\'s canonical text' }) digestHash!: string;
  @ApiProperty({ example: 'q3Z…==', description: 'base64 Ed25519 signature of the digest\'s canonical text (UTF-8)' }) signature!: string;
  @ApiProperty({ example: '5e1f…', description: 'Which key signed (GET /v1/audit/public-key)' }) keyId!: string;
}

function presentDigest(d: ListedDigest): AuditDigestResponse {
  return {
    sequence: d.sequence,
    scope: d.signed.digest.scope,
    position: d.position,
    recordedAt: d.recordedAt.toISOString(),
    digest: d.signed.digest as unknown as Record<string, unknown>,
    digestHash: d.signed.digestHash,
    signature: d.signed.signature,
    keyId: d.signed.keyId,
  };
}

const SCOPE = /^[A-Za-z0-9_.:@-]{1,128}$/;

@ApiTags('audit')
@ApiBearerAuth()
@Controller('v1/audit')
export class ListAuditDigestsHttpController {
  constructor(@Inject(QueryBus) private readonly queryBus: QueryBus) {}

  @Get('digests')
  @ApiOperation({
    summary: 'The signed digests of the history, oldest first',
    description:
      'Every few minutes (or every `AUDIT_DIGEST_MAX_EVENTS` events) the worker signs a digest of the events recorded since the last one: ' +
      'their positions and hashes in feed order and each touched stream\'s last hash, chained to the previous digest. One digest of ' +
      'scope `all` covers every event; one per tenant covers that tenant\'s events only. An operator reads any scope (`all` by default); ' +
      'a member reads its own tenant\'s (the default for it; another scope is a 400), which cover exactly what its export holds. ' +
      'Page with `after=<sequence of the last digest read>`. docs/audit.md explains how to verify an archive with them.',
  })
  @ApiQuery({ name: 'scope', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_.:@-]{1,128}$' }, example: 'all', description: '`all` or a tenant; default: `all` for an operator, the own tenant for a member' })
  @ApiQuery({ name: 'after', required: false, example: 0, description: 'Sequence of the last digest already read; 0 (default) for the start' })
  @ApiQuery({ name: 'limit', required: false, example: 100, description: '1–1000, default 100' })
  @ApiOkResponse({ type: [AuditDigestResponse] })
  @ApiProblems({ 400: 'validation-failed: a bad scope, after or limit, or a member asking for another scope than its tenant' })
  async digests(@Ctx() ctx: RequestContext, @Query() query: Record<string, unknown>): Promise<AuditDigestResponse[]> {
    const issues: FieldIssue[] = [];
    let scope: string | undefined;
    if (query.scope !== undefined) {
      if (typeof query.scope === 'string' && SCOPE.test(query.scope)) scope = query.scope;
      else issues.push({ path: 'scope', message: 'must be `all` or a tenant' });
    }
    const after = wholeNumberParam(query, 'after', 0, 2_147_483_647, issues) ?? 0;
    const limit = wholeNumberParam(query, 'limit', 1, MAX_PAGE, issues) ?? 100;
    throwIfIssues(issues);
    const digests: ListedDigest[] = await this.queryBus.execute(new ListAuditDigestsQuery(ctx.principal, scope, after, limit));
    return digests.map(presentDigest);
  }
}
