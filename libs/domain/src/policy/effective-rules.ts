import { Cidr } from '../net/cidr';
import { IpVersion, remoteCidr, Rule } from '../rule/rule';

/** What the policy functions need to know of an instance and of a group: read-model views. */
export interface InstanceView {
  id: string;
  vpcId: string;
  hypervisorId: string;
  ipv4: string | null;
  ipv6: string | null;
}

export interface GroupView {
  id: string;
  vpcId: string;
  name: string;
  rules: readonly Rule[];
  appliedTo: { instanceIds: readonly string[]; cidrs: readonly string[] };
}

export interface GroupAttachment {
  group: GroupView;
  /** How the group reaches the instance: named directly, or through a CIDR that holds its address. */
  via: { kind: 'instance' } | { kind: 'cidr'; cidr: string };
}

/** A rule as enforced on one instance: remote groups resolved to their members' addresses. */
export interface EffectiveRule extends Rule {
  groupId: string;
  groupName: string;
  /** The CIDRs the rule matches: its own remote, or one host prefix per member of its remote group. */
  remoteCidrs: string[];
}

export function instanceAddresses(instance: Pick<InstanceView, 'ipv4' | 'ipv6'>): string[] {
  return [instance.ipv4, instance.ipv6].filter((a): a is string => a !== null);
}

/** Every group of the instance's VPC that applies to it, directly or through a CIDR attachment. */
export function attachmentsOf(instance: InstanceView, groups: readonly GroupView[]): GroupAttachment[] {
  const addresses = instanceAddresses(instance);
  const result: GroupAttachment[] = [];
  for (const group of groups) {
    if (group.vpcId !== instance.vpcId) continue;
    if (group.appliedTo.instanceIds.includes(instance.id)) {
      result.push({ group, via: { kind: 'instance' } });
      continue;
    }
    const cidr = group.appliedTo.cidrs.find((c) => addresses.some((a) => Cidr.parse(c).cidr.contains(a)));
    if (cidr) result.push({ group, via: { kind: 'cidr', cidr } });
  }
  return result;
}

/** The instances a group applies to: its members, which a rule naming it as remote matches. */
export function membersOf(group: GroupView, instances: readonly InstanceView[]): InstanceView[] {
  return instances.filter((i) => attachmentsOf(i, [group]).length > 0);
}

/** Host prefixes of the members' addresses of one IP version, sorted and without repeats. */
export function memberCidrs(group: GroupView, instances: readonly InstanceView[], version: IpVersion): string[] {
  const cidrs = membersOf(group, instances)
    .map((i) => (version === 'IPv4' ? i.ipv4 : i.ipv6))
    .filter((a): a is string => a !== null)
    .map((a) => Cidr.parse(a).cidr);
  return dedupeSorted(cidrs);
}

/**
 * The union of the rules of every group applying to the instance, each with the group it came from.
 * `groups` and `instances` are the VPC's (others are ignored); remote groups resolve against them.
 */
export function effectiveRules(instance: InstanceView, groups: readonly GroupView[], instances: readonly InstanceView[]): EffectiveRule[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  const sameVpc = instances.filter((i) => i.vpcId === instance.vpcId);
  return attachmentsOf(instance, groups).flatMap(({ group }) =>
    group.rules.map((rule) => {
      const remoteGroup = rule.remoteGroupId ? byId.get(rule.remoteGroupId) : undefined;
      const remoteCidrs = rule.remoteGroupId ? (remoteGroup ? memberCidrs(remoteGroup, sameVpc, rule.ipVersion) : []) : [remoteCidr(rule)];
      return { ...rule, groupId: group.id, groupName: group.name, remoteCidrs };
    }),
  );
}

function dedupeSorted(cidrs: Cidr[]): string[] {
  const sorted = [...cidrs].sort(Cidr.compare);
  return sorted.filter((c, i) => i === 0 || !c.equals(sorted[i - 1])).map((c) => c.toString());
}
