import { ApiProperty } from '@nestjs/swagger';
import type { InstanceChanged, InstanceDeleted, InstanceDetails } from '@sg/application';
import type { EffectiveRule, FlowVerdict } from '@sg/domain';
import type { HttpAnswer } from '../../platform/http/send';
import { type OperationRef, operationRef } from '../operations/operation.presenter';
import { OperationRefResponse, presentRule, RuleResponse } from '../security-groups/security-group.presenter';

export class InstanceResponse {
  @ApiProperty({ example: 'i-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ example: 'gpu-1' }) name!: string;
  @ApiProperty({ example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' }) vpcId!: string;
  @ApiProperty({ example: 'hv-1', description: 'Where the VM runs now' }) hypervisorId!: string;
  @ApiProperty({ example: '10.0.1.5', nullable: true, type: String }) ipv4!: string | null;
  @ApiProperty({ example: '2001:db8::5', nullable: true, type: String }) ipv6!: string | null;
  @ApiProperty({ example: ['sg-0mh2k8q1a7c1d2e3f4a5b'], description: 'Every group that applies to it, directly or through a CIDR attachment' }) securityGroupIds!: string[];
  @ApiProperty({ example: 'demo' }) tenant!: string;
  @ApiProperty({ example: 1, description: 'Stream version; send it back in If-Match' }) version!: number;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) updatedAt!: string;
}

/** The answer to a registration or a move: the instance as it is now and the operation to follow. */
export class InstanceChangeResponse extends InstanceResponse {
  @ApiProperty({ type: OperationRefResponse }) operation!: OperationRefResponse;
  @ApiProperty({ type: [String], example: [] }) warnings!: string[];
}

export class InstanceDeletedResponse {
  @ApiProperty({ example: 'i-0mh2k8q1a7c1d2e3f4a5b' }) id!: string;
  @ApiProperty({ example: true }) deleted!: true;
  @ApiProperty({ type: OperationRefResponse }) operation!: OperationRefResponse;
  @ApiProperty({ type: [String], example: [] }) warnings!: string[];
}

/** A rule as enforced on one instance: with the group it came from and its remote resolved. */
export class EffectiveRuleResponse extends RuleResponse {
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b' }) securityGroupId!: string;
  @ApiProperty({ example: 'web-servers' }) securityGroupName!: string;
  @ApiProperty({
    example: ['10.0.2.7/32'],
    description: 'The CIDRs the rule matches: its own remote, or one host prefix per member of its remote group (empty when that group has none)',
  })
  remoteCidrs!: string[];
}

export class FlowCheckResponse {
  @ApiProperty({ example: true, description: 'Whether a new connection like this would be let through (default deny: only if a rule matches)' }) allowed!: boolean;
  @ApiProperty({ type: [EffectiveRuleResponse], description: 'Every rule that allows it; empty when denied' }) matchedRules!: EffectiveRuleResponse[];
}

export function presentInstance(i: InstanceDetails): InstanceResponse {
  return {
    id: i.id,
    name: i.name,
    vpcId: i.vpcId,
    hypervisorId: i.hypervisorId,
    ipv4: i.ipv4,
    ipv6: i.ipv6,
    securityGroupIds: [...i.securityGroupIds],
    tenant: i.tenant,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

export function presentInstanceChange(i: InstanceDetails, operation: OperationRef): InstanceChangeResponse {
  return { ...presentInstance(i), operation, warnings: [] };
}

export function presentEffectiveRule(r: EffectiveRule): EffectiveRuleResponse {
  return { ...presentRule(r), securityGroupId: r.groupId, securityGroupName: r.groupName, remoteCidrs: [...r.remoteCidrs] };
}

export function presentFlowVerdict(v: FlowVerdict): FlowCheckResponse {
  return { allowed: v.allowed, matchedRules: v.matchedRules.map(presentEffectiveRule) };
}


/** /v1's answer to a registration (201, Location) or a move (202): the instance as just written, and its operation. */
export function instanceChangeAnswer(statusCode: number, extraHeaders?: (instanceId: string) => Record<string, string>): (change: InstanceChanged) => HttpAnswer {
  return ({ instance, operation }) => {
    const op = operationRef(operation);
    return { statusCode, headers: { ...op.headers, ...(extraHeaders?.(instance.id) ?? {}) }, body: presentInstanceChange(instance, op.ref) };
  };
}

export function instanceDeletedAnswer({ instanceId, operation }: InstanceDeleted): HttpAnswer {
  const op = operationRef(operation);
  return { statusCode: 202, headers: op.headers, body: { id: instanceId, deleted: true, operation: op.ref, warnings: [] } };
}
