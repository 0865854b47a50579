import { DomainError } from '../shared/domain-error';
import { attachmentsOf, GroupView, InstanceView, membersOf } from './effective-rules';

/**
 * How many entries one VPC puts in each hypervisor's desired state: for each of its ports there,
 * one per rule of every group applying to the port, plus one per member address of every remote
 * group those rules name (sent once per state, as a set). Hypervisors without a port of the VPC
 * are absent. `groups` and `instances` are the VPC's; given a tenant's, of all its VPCs, the count
 * is the tenant's (each VPC's groups reach only its own instances), as the budget counts it.
 */
export function stateEntriesByHypervisor(groups: readonly GroupView[], instances: readonly InstanceView[]): Map<string, number> {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const memberCount = new Map<string, number>();
  const membersOfGroup = (groupId: string): number => {
    let n = memberCount.get(groupId);
    if (n === undefined) {
      const group = byId.get(groupId);
      n = group ? membersOf(group, instances).reduce((sum, i) => sum + (i.ipv4 ? 1 : 0) + (i.ipv6 ? 1 : 0), 0) : 0;
      memberCount.set(groupId, n);
    }
    return n;
  };
  const rules = new Map<string, number>();
  const remotes = new Map<string, Set<string>>();
  for (const instance of instances) {
    const hv = instance.hypervisorId;
    for (const { group } of attachmentsOf(instance, groups)) {
      rules.set(hv, (rules.get(hv) ?? 0) + group.rules.length);
      for (const rule of group.rules) {
        if (!rule.remoteGroupId) continue;
        if (!remotes.has(hv)) remotes.set(hv, new Set());
        remotes.get(hv)!.add(rule.remoteGroupId);
      }
    }
  }
  const entries = new Map<string, number>();
  for (const [hv, n] of rules) entries.set(hv, n + [...(remotes.get(hv) ?? [])].reduce((sum, id) => sum + membersOfGroup(id), 0));
  return entries;
}

/**
 * Refuses (422 quota-exceeded, naming the limit) a change of one group that grows some
 * hypervisor's share of the VPC past `limit` entries: checked when the change is decided, so a
 * state no agent could take is never computed. A change that shrinks or keeps a hypervisor's share
 * (a removal, say) passes even over the limit (the limit may have been lowered since). Answers the
 * hypervisors the change grows: the budget is the tenant's, over all its VPCs, and is checked
 * again on them when the change is written (checkTenantStateEntries).
 */
export function checkStateBudget(groupId: string, before: GroupView | null, after: GroupView | null, vpcGroups: readonly GroupView[], instances: readonly InstanceView[], limit: number): string[] {
  const others = vpcGroups.filter((g) => g.id !== groupId);
  return checkStateGrowth({ groups: before ? [...others, before] : others, instances }, { groups: after ? [...others, after] : others, instances }, limit);
}

/**
 * The same check for any change of a VPC, given its groups and instances before and after it (an
 * instance registered, say). Answers the hypervisors the change grows.
 */
export function checkStateGrowth(
  before: { groups: readonly GroupView[]; instances: readonly InstanceView[] },
  after: { groups: readonly GroupView[]; instances: readonly InstanceView[] },
  limit: number,
): string[] {
  const was = stateEntriesByHypervisor(before.groups, before.instances);
  const will = stateEntriesByHypervisor(after.groups, after.instances);
  const grown = [...will].filter(([hv, n]) => n > (was.get(hv) ?? 0)).map(([hv]) => hv).sort((a, b) => a.localeCompare(b));
  checkTenantStateEntries(will, grown, limit);
  return grown;
}

/**
 * Refuses (422 quota-exceeded, naming the limit) when one of `hypervisors` (those a change grows)
 * holds more than `limit` entries in `entries`: the VPC's as a change would leave them, or (inside
 * the change's transaction, with the change written) the tenant's over all its VPCs.
 */
export function checkTenantStateEntries(entries: ReadonlyMap<string, number>, hypervisors: readonly string[], limit: number): void {
  const over = hypervisors.filter((hv) => (entries.get(hv) ?? 0) > limit).sort((a, b) => a.localeCompare(b));
  if (over.length === 0) return;
  const hv = over[0];
  throw new DomainError(
    'quota-exceeded',
    `the limit stateEntriesPerHypervisor (${limit}) would be passed: this change puts ${entries.get(hv)} entries of the tenant in the desired state of hypervisor ${hv} ` +
      `(one per rule of each group on each of its ports there, and one per member of each remote group those rules name, over all the tenant's VPCs)`,
  );
}
