import type { HypervisorDesiredState, PortState, RemoteGroupMembers } from './hypervisor-state';

/**
 * One tenant's part of a hypervisor's desired state: its ports there with their rules, and the
 * members of the remote groups those rules name (a rule names only groups of its own VPC, so each
 * remote group belongs to one section). A state is the union of its sections: when an agent
 * refuses a state (too large, say), the worker can hold one tenant at the part the agent last
 * accepted while the others' parts move on (docs/reliability.md).
 */
export interface StateSection {
  tenant: string;
  ports: PortState[];
  remoteGroups: RemoteGroupMembers[];
}

/** The state's sections, one per tenant with a port there, sorted by tenant. `tenantOfVpc` names each port's VPC's tenant. */
export function sectionsOf(state: HypervisorDesiredState, tenantOfVpc: Readonly<Record<string, string>>): StateSection[] {
  const sections = new Map<string, StateSection>();
  const tenantOfGroup = new Map<string, string>();
  for (const port of state.ports) {
    const tenant = tenantOfVpc[port.vpcId];
    if (tenant === undefined) throw new Error(`no tenant given for VPC ${port.vpcId}`);
    if (!sections.has(tenant)) sections.set(tenant, { tenant, ports: [], remoteGroups: [] });
    sections.get(tenant)!.ports.push(port);
    for (const group of port.groups) for (const rule of group.rules) if (rule.remoteGroupId) tenantOfGroup.set(rule.remoteGroupId, tenant);
  }
  for (const members of state.remoteGroups) {
    const tenant = tenantOfGroup.get(members.groupId);
    if (tenant !== undefined) sections.get(tenant)!.remoteGroups.push(members);
  }
  return [...sections.values()].sort((a, b) => a.tenant.localeCompare(b.tenant));
}

/** The state made of these sections (one per tenant), in the order hypervisorState gives: ports by instance, remote groups by group. */
export function joinSections(sections: readonly StateSection[]): HypervisorDesiredState {
  return {
    ports: sections.flatMap((s) => s.ports).sort((a, b) => a.instanceId.localeCompare(b.instanceId)),
    remoteGroups: sections.flatMap((s) => s.remoteGroups).sort((a, b) => a.groupId.localeCompare(b.groupId)),
  };
}
