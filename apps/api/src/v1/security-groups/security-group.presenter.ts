import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type GroupChanged, type GroupRecord, groupRecordAt } from '@sg/application';
import { OperationStatus, remoteCidr, Rule, ruleType } from '@sg/domain';
import type { HttpAnswer } from '../../platform/http/send';
import { type OperationRef, operationRef } from '../operations/operation.presenter';

export class PortRangeResponse {
  @ApiProperty({ example: 22 }) from!: number;
  @ApiProperty({ example: 22 }) to!: number;
}

export class IcmpResponse {
  @ApiProperty({ example: 8 }) type!: number;
  @ApiProperty({ example: 0, nullable: true, type: Number }) code!: number | null;
}

export class RuleResponse {
  @ApiProperty({ example: 'sgr-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ enum: ['inbound', 'outbound'] }) direction!: string;
  @ApiProperty({ enum: ['SSH', 'RDP', 'MySQL', 'HTTP', 'HTTPS', 'Custom', 'All traffic'], description: 'The preset that protocol and port match' }) type!: string;
  @ApiProperty({ example: 'tcp', description: 'tcp, udp, icmp, icmpv6, all, another IP protocol\'s name (gre, sctp, ...) or its number as text ("47"), as the rule was given' }) protocol!: string;
  @ApiProperty({ type: PortRangeResponse, nullable: true, description: 'null: all ports' }) portRange!: PortRangeResponse | null;
  @ApiProperty({ type: IcmpResponse, nullable: true }) icmp!: IcmpResponse | null;
  @ApiProperty({ enum: ['IPv4', 'IPv6'] }) ipVersion!: string;
  @ApiProperty({ enum: ['ALLOW'] }) action!: 'ALLOW';
  @ApiProperty({ example: '0.0.0.0/0', nullable: true, type: String, description: 'Source (inbound) or destination (outbound) CIDR' }) remote!: string | null;
  @ApiProperty({ example: null, nullable: true, type: String, description: 'A group of the same VPC whose members are the remote' }) remoteGroupId!: string | null;
  @ApiProperty({ example: '' }) description!: string;
}

export class AppliedToResponse {
  @ApiProperty({ example: ['i-0mh2k8q1a7c1d2e3f4a5b'] }) instanceIds!: string[];
  @ApiProperty({ example: ['10.0.1.0/24'] }) cidrs!: string[];
}

export class OperationRefResponse {
  @ApiProperty({ example: 'op-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ enum: ['queued', 'in-progress', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ example: '/v1/operations/op-0mh2k8q1a7c1d2e3f4a5b' }) href!: string;
}

export class SecurityGroupResponse {
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' }) vpcId!: string;
  @ApiProperty({ example: 'web-servers' }) name!: string;
  @ApiProperty({ example: '' }) description!: string;
  @ApiProperty({ example: false }) isDefault!: boolean;
  @ApiProperty({ example: { team: 'ml' }, type: 'object', additionalProperties: { type: 'string' } }) tags!: Record<string, string>;
  @ApiProperty({ example: 7, description: 'Stream version; send it back in If-Match' }) version!: number;
  @ApiProperty({ type: [RuleResponse] }) inboundRules!: RuleResponse[];
  @ApiProperty({ type: [RuleResponse] }) outboundRules!: RuleResponse[];
  @ApiProperty({ type: AppliedToResponse }) appliedTo!: AppliedToResponse;
  @ApiProperty({ enum: ['in-sync', 'propagating', 'failed'], description: 'Follows the latest operation on the group' }) propagation!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) updatedAt!: string;
}

/** The answer to a change: the group as it is now, the operation to follow, and any warnings. */
export class SecurityGroupChangeResponse extends SecurityGroupResponse {
  @ApiPropertyOptional({ type: OperationRefResponse }) operation?: OperationRefResponse;
  @ApiProperty({ example: ['Rule opens SSH (22) to 0.0.0.0/0: allow only trusted addresses.'] }) warnings!: string[];
}

export function presentRule(r: Rule): RuleResponse {
  return {
    id: r.id,
    direction: r.direction,
    type: ruleType(r),
    protocol: r.protocol,
    portRange: r.portRange ? { from: r.portRange.from, to: r.portRange.to } : null,
    icmp: r.icmp ? { type: r.icmp.type, code: r.icmp.code } : null,
    ipVersion: r.ipVersion,
    action: 'ALLOW',
    // A rule made without a remote (through the Neutron face) matches every address of its IP version.
    remote: r.remoteGroupId ? r.remote : remoteCidr(r),
    remoteGroupId: r.remoteGroupId,
    description: r.description,
  };
}

export function propagationOf(status: OperationStatus | undefined): 'in-sync' | 'propagating' | 'failed' {
  if (status === 'queued' || status === 'in-progress') return 'propagating';
  if (status === 'failed') return 'failed';
  return 'in-sync';
}

export function presentGroup(g: GroupRecord, latestOperation?: OperationStatus): SecurityGroupResponse {
  return {
    id: g.id,
    vpcId: g.vpcId,
    name: g.name,
    description: g.description,
    isDefault: g.isDefault,
    // Keys in one order wherever the group comes from (the read model's jsonb keeps its own order).
    tags: Object.fromEntries(Object.entries(g.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    version: g.version,
    inboundRules: g.rules.filter((r) => r.direction === 'inbound').map(presentRule),
    outboundRules: g.rules.filter((r) => r.direction === 'outbound').map(presentRule),
    appliedTo: { instanceIds: [...g.appliedTo.instanceIds], cidrs: [...g.appliedTo.cidrs] },
    propagation: propagationOf(latestOperation),
    createdAt: g.createdAt,
    updatedAt: g.updatedAt,
  };
}

export function presentGroupChange(g: GroupRecord, operation: OperationRef | null, warnings: string[], latest?: OperationStatus): SecurityGroupChangeResponse {
  return { ...presentGroup(g, latest ?? (operation?.status as OperationStatus | undefined)), ...(operation && { operation }), warnings };
}

/**
 * /v1's answer to a change of a group: the status the route answers with, the operation to follow
 * (`Operation-Location`), the group as the change left it, and the request's warnings; a deleted
 * group answers with its id.
 */
export function groupChangeAnswer(statusCode: number, warnings: string[] = [], extraHeaders?: (groupId: string) => Record<string, string>): (change: GroupChanged) => HttpAnswer {
  return ({ groupId, group, version, operation, latestOperation }) => {
    const op = operation ? operationRef(operation) : null;
    const headers = { ...(op?.headers ?? {}), ...(extraHeaders?.(groupId) ?? {}) };
    if (!group) return { statusCode, headers, body: { id: groupId, deleted: true, ...(op && { operation: op.ref }) } };
    return { statusCode, headers, body: presentGroupChange(groupRecordAt(group, version), op?.ref ?? null, warnings, op ? undefined : latestOperation) };
  };
}
