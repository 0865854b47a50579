import { attachmentsOf, GroupView, InstanceView, membersOf } from './effective-rules';

/**
 * Which instances an instance's arrival or departure touches: itself, and the members of every
 * group whose rules name one of its groups as remote, since their remote address sets gain or
 * lose its addresses. `vpcGroups` are the groups with the instance attached (after a
 * registration, before a deletion); `vpcInstances` may include the instance or not.
 */
export function instancesTouchedByInstanceChange(
  instance: InstanceView,
  vpcGroups: readonly GroupView[],
  vpcInstances: readonly InstanceView[],
): InstanceView[] {
  const joined = new Set(attachmentsOf(instance, vpcGroups).map((a) => a.group.id));
  const others = vpcInstances.filter((i) => i.id !== instance.id && i.vpcId === instance.vpcId);
  const ids = new Set<string>();
  for (const g of vpcGroups) {
    if (g.rules.some((r) => r.remoteGroupId !== null && joined.has(r.remoteGroupId))) membersOf(g, others).forEach((i) => ids.add(i.id));
  }
  return [instance, ...others.filter((i) => ids.has(i.id))];
}

/**
 * The placements a move touches: the port leaves the old hypervisor and appears on the new one,
 * so both must be told. Grouping instances by their current hypervisor would name only the new
 * one; an instance already where it is asked to go touches none.
 */
export function placementsOfMove(instance: InstanceView, toHypervisorId: string): InstanceView[] {
  if (instance.hypervisorId === toHypervisorId) return [];
  return [instance, { ...instance, hypervisorId: toHypervisorId }];
}
