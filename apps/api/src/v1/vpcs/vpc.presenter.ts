import { ApiProperty } from '@nestjs/swagger';
import type { VpcCreated, VpcRecord } from '@sg/application';
import type { HttpAnswer } from '../../platform/http/send';

export class VpcResponse {
  @ApiProperty({ example: 'vpc-0mh2k8q1a5f3c9e2b1d4a' }) id!: string;
  @ApiProperty({ example: 'ml-training' }) name!: string;
  @ApiProperty({ example: '10.0.0.0/16', nullable: true, type: String }) cidr!: string | null;
  @ApiProperty({ example: 'sg-0mh2k8q1a7c1d2e3f4a5b', description: 'The VPC\'s default security group, created with it' }) defaultSecurityGroupId!: string;
  @ApiProperty({ example: 'demo' }) tenant!: string;
  @ApiProperty({ example: 1, description: 'Stream version; send it back in If-Match' }) version!: number;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) createdAt!: string;
  @ApiProperty({ example: '2026-11-27T10:00:00.000Z' }) updatedAt!: string;
}

export function presentVpc(v: VpcRecord): VpcResponse {
  return { id: v.id, name: v.name, cidr: v.cidr, defaultSecurityGroupId: v.defaultSecurityGroupId, tenant: v.tenant, version: v.version, createdAt: v.createdAt, updatedAt: v.updatedAt };
}

/** /v1's answer to a creation: 201, Location, the VPC with the request's warnings. */
export function vpcCreatedAnswer(warnings: string[]): (created: VpcCreated) => HttpAnswer {
  return ({ vpc }) => ({ statusCode: 201, headers: { Location: `/v1/vpcs/${vpc.id}` }, body: { ...presentVpc(vpc), warnings } });
}
