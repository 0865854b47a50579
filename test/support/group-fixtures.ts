import type { Client } from './api';

export interface TestGroup {
  id: string;
  vpcId: string;
  defaultGroupId: string;
  /** The group's version right after creation. */
  version: number;
}

/** A VPC of its own and an empty, non-default security group in it, both over HTTP. */
export async function createVpcWithGroup(http: Client, name = 'web-servers'): Promise<TestGroup> {
  const vpc = await http.post('/v1/vpcs', { name: `vpc-of-${name}` });
  if (vpc.status !== 201) throw new Error(`POST /v1/vpcs answered ${vpc.status}: ${vpc.text}`);
  const group = await http.post('/v1/security-groups', { vpcId: vpc.body.id, name });
  if (group.status !== 201) throw new Error(`POST /v1/security-groups answered ${group.status}: ${group.text}`);
  return { id: group.body.id, vpcId: vpc.body.id, defaultGroupId: vpc.body.defaultSecurityGroupId, version: group.body.version };
}
