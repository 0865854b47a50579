import { attachmentsOf } from '@sg/domain';
import { groupsOfVpc } from '@sg/infra';
import { GroupRecord, InstanceRecord } from '@sg/application';
import type { EntityManager } from 'typeorm';

/** An instance with every group that applies to it, directly or through a CIDR attachment. */
export interface InstanceDetails extends InstanceRecord {
  securityGroupIds: string[];
}

export function detailsOf(instance: InstanceRecord, vpcGroups: readonly GroupRecord[]): InstanceDetails {
  return { ...instance, securityGroupIds: attachmentsOf(instance, vpcGroups).map((a) => a.group.id) };
}

/** Reads each VPC's groups once, however many of its instances are on the page. */
export async function withSecurityGroups(m: EntityManager, instances: readonly InstanceRecord[]): Promise<InstanceDetails[]> {
  const vpcIds = [...new Set(instances.map((i) => i.vpcId))];
  const groups = new Map(await Promise.all(vpcIds.map(async (id) => [id, await groupsOfVpc(m, id)] as const)));
  return instances.map((i) => detailsOf(i, groups.get(i.vpcId)!));
}
