import { hypervisorState, PortState, RemoteGroupMembers } from '@sg/domain';
import { stateHash } from '@sg/protocol';
import type { EntityManager } from 'typeorm';
import { groupsOfVpc } from '../read-models/security-groups.read-model';
import { instancesOfVpc, instancesOnHypervisor } from '../read-models/instances.read-model';

export interface DesiredState {
  ports: PortState[];
  /** Each remote group's members, once (the rules naming a group carry none of their own). */
  remoteGroups: RemoteGroupMembers[];
  /** stateHash() of the ports and remote groups (libs/protocol): equal states, equal hashes, and the agent answers with the same hash of what it applied. */
  hash: string;
  /** The tenant of each VPC with a port there: the state's sections (sectionsOf) are per tenant. */
  tenantOfVpc: Record<string, string>;
}

/** The hypervisor's desired state from the read models as they are now. */
export async function computeDesiredState(m: EntityManager, hypervisorId: string): Promise<DesiredState> {
  const local = await instancesOnHypervisor(m, hypervisorId);
  const vpcIds = [...new Set(local.map((i) => i.vpcId))].sort();
  // Sequential: `m` is often a transaction's single connection.
  const perVpc: { groups: Awaited<ReturnType<typeof groupsOfVpc>>; instances: Awaited<ReturnType<typeof instancesOfVpc>> }[] = [];
  for (const vpcId of vpcIds) perVpc.push({ groups: await groupsOfVpc(m, vpcId), instances: await instancesOfVpc(m, vpcId) });
  const { ports, remoteGroups } = hypervisorState(
    hypervisorId,
    perVpc.flatMap((v) => v.instances),
    perVpc.flatMap((v) => v.groups),
  );
  const tenantOfVpc: Record<string, string> = {};
  for (const i of local) tenantOfVpc[i.vpcId] = i.tenant;
  return { ports, remoteGroups, hash: stateHash(ports, remoteGroups), tenantOfVpc };
}
