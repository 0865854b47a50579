import { attachmentsOf } from '@sg/domain';
import type { Transaction } from '../ports/event-store.port';
import type { InstanceReadModel, InstanceRecord } from '../ports/read-models/instances.read-model';
import type { GroupRecord, SecurityGroupReadModel } from '../ports/read-models/security-groups.read-model';

/** An instance with every group that applies to it, directly or through a CIDR attachment. */
export interface InstanceDetails extends InstanceRecord {
  securityGroupIds: string[];
}

export function detailsOf(instance: InstanceRecord, vpcGroups: readonly GroupRecord[]): InstanceDetails {
  return { ...instance, securityGroupIds: attachmentsOf(instance, vpcGroups).map((a) => a.group.id) };
}

/** Reads each VPC's groups once, however many of its instances there are. */
export async function withSecurityGroups(groups: SecurityGroupReadModel, instances: readonly InstanceRecord[], tx?: Transaction): Promise<InstanceDetails[]> {
  const vpcIds = [...new Set(instances.map((i) => i.vpcId))];
  const byVpc = new Map<string, GroupRecord[]>();
  // In a transaction the reads share its one connection: one VPC after the other.
  if (tx) for (const vpcId of vpcIds) byVpc.set(vpcId, await groups.ofVpc(vpcId, tx));
  else for (const [vpcId, found] of await Promise.all(vpcIds.map(async (id) => [id, await groups.ofVpc(id)] as const))) byVpc.set(vpcId, found);
  return instances.map((i) => detailsOf(i, byVpc.get(i.vpcId)!));
}

/** An instance just written, with its groups, read inside the append's transaction. */
export async function writtenInstance(instances: InstanceReadModel, groups: SecurityGroupReadModel, instanceId: string, tx: Transaction): Promise<InstanceDetails> {
  const [details] = await withSecurityGroups(groups, [(await instances.find(instanceId, null, tx))!], tx);
  return details;
}
