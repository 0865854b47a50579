import { GroupView, InstanceView, membersOf } from './effective-rules';

/**
 * Which instances a change to one group touches, so the operation knows its hypervisors:
 * its members before and after (a detached instance must lose the rules), and, when
 * membership changed, the members of every group whose rules name this one as remote
 * (their remote address sets changed).
 */
export function instancesTouchedByGroupChange(
  before: GroupView | null,
  after: GroupView | null,
  vpcGroups: readonly GroupView[],
  vpcInstances: readonly InstanceView[],
): InstanceView[] {
  const ids = new Set<string>();
  const beforeMembers = before ? membersOf(before, vpcInstances) : [];
  const afterMembers = after ? membersOf(after, vpcInstances) : [];
  beforeMembers.forEach((i) => ids.add(i.id));
  afterMembers.forEach((i) => ids.add(i.id));
  const membership = (xs: InstanceView[]) => xs.map((i) => i.id).sort().join(',');
  if (membership(beforeMembers) !== membership(afterMembers)) {
    const groupId = (after ?? before)!.id;
    for (const g of vpcGroups) {
      if (g.id !== groupId && g.rules.some((r) => r.remoteGroupId === groupId)) membersOf(g, vpcInstances).forEach((i) => ids.add(i.id));
    }
  }
  return vpcInstances.filter((i) => ids.has(i.id));
}

/** Instances grouped by the hypervisor they run on, hypervisors in id order. */
export function byHypervisor(instances: readonly InstanceView[]): { hypervisorId: string; instanceIds: string[] }[] {
  const map = new Map<string, string[]>();
  for (const i of instances) map.set(i.hypervisorId, [...(map.get(i.hypervisorId) ?? []), i.id]);
  return [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([hypervisorId, instanceIds]) => ({ hypervisorId, instanceIds }));
}
