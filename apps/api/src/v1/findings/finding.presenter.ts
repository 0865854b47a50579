import { ApiProperty } from '@nestjs/swagger';
import type { FindingEventRecord, FindingRecord } from '@sg/application';
import { FINDING_CHECKS } from '@sg/domain';

export class FindingResourceResponse {
  @ApiProperty({ enum: ['security-group', 'instance'] }) type!: string;
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
}

export class FindingEventResponse {
  @ApiProperty({ example: '1042', description: 'The event\'s position in the feed (GET /v1/events, GET /v1/audit/events)' }) position!: string;
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'The stream (resource) the event belongs to' }) streamId!: string;
  @ApiProperty({ example: 3 }) version!: number;
  @ApiProperty({ example: 'security-group.rules.added' }) type!: string;
  @ApiProperty({ example: 'demo/member#3f9a1c2e', description: 'Who made the change' }) actor!: string;
  @ApiProperty({ example: '5b0f3c1e-8d2a-4c1b-9f8e-2a7d6c5b4a39', nullable: true, type: String, description: 'The server\'s id of the request that made it (its `X-Request-Id` answer)' }) requestId!: string | null;
}

export class FindingResponse {
  @ApiProperty({ example: 'fd-0000000000001042-3b1f0c9e2d4a' }) id!: string;
  @ApiProperty({ example: 'demo' }) tenant!: string;
  @ApiProperty({ enum: FINDING_CHECKS, description: 'Which check found it (docs/audit.md)' }) check!: string;
  @ApiProperty({ enum: ['high', 'medium', 'low'] }) severity!: string;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: string;
  @ApiProperty({ type: FindingResourceResponse, description: 'The group, or for `instance-default-group-only` the instance' }) resource!: FindingResourceResponse;
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'The group it is about (an instance\'s: the default group it has only)' }) groupId!: string;
  @ApiProperty({ example: null, nullable: true, type: String }) instanceId!: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { rules: [{ ruleId: 'sgr-0mh2k8q1a7c1d2e3f4a5b', protocol: 'tcp', ports: '22', remote: '0.0.0.0/0' }] },
    description: 'Why, as it was when the finding opened: for the rule checks, the rules that call for it',
  })
  details!: Record<string, unknown>;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z', description: 'When the event that opened it was recorded' }) openedAt!: string;
  @ApiProperty({ type: FindingEventResponse, description: 'The event that opened it' }) openedBy!: FindingEventResponse;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'When the event that closed it was recorded; null while open' }) closedAt!: string | null;
  @ApiProperty({ type: FindingEventResponse, nullable: true, description: 'The event that closed it; null while open' }) closedBy!: FindingEventResponse | null;
}

function presentEvent(e: FindingEventRecord): FindingEventResponse {
  return { position: String(e.position), streamId: e.streamId, version: e.version, type: e.type, actor: e.actor, requestId: e.requestId };
}

/** A finding as `GET /v1/findings` shows it; a `finding` notification carries the same object. */
export function presentFinding(f: FindingRecord): FindingResponse {
  return {
    id: f.id,
    tenant: f.tenant,
    check: f.check,
    severity: f.severity,
    status: f.status,
    resource: { type: f.resource.type, id: f.resource.id },
    groupId: f.groupId,
    instanceId: f.instanceId,
    details: f.details,
    openedAt: new Date(f.openedAt).toISOString(),
    openedBy: presentEvent(f.openedBy),
    closedAt: f.closedAt === null ? null : new Date(f.closedAt).toISOString(),
    closedBy: f.closedBy === null ? null : presentEvent(f.closedBy),
  };
}
