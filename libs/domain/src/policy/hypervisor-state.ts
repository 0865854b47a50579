import { enforcedProtocol } from '../net/protocol';
import { Direction, IcmpMatch, IpVersion, PortSpan, ProtocolName, remoteCidr } from '../rule/rule';
import { attachmentsOf, GroupView, InstanceView, memberCidrs } from './effective-rules';

/** A rule as an agent enforces it: the remote already resolved to CIDRs (docs/agent-protocol.md). */
export interface PortRule {
  id: string;
  direction: Direction;
  /** tcp, udp, icmp, icmpv6, all, or another IP protocol's number as decimal text. */
  protocol: ProtocolName;
  portRange: PortSpan | null;
  icmp: IcmpMatch | null;
  ipVersion: IpVersion;
  remoteCidrs: string[];
  remoteGroupId: string | null;
}

export interface PortGroup {
  groupId: string;
  name: string;
  rules: PortRule[];
}

export interface PortState {
  instanceId: string;
  vpcId: string;
  ipv4: string | null;
  ipv6: string | null;
  groups: PortGroup[];
}

/** A remote group's members, once per hypervisor state: every rule naming the group refers to it. */
export interface RemoteGroupMembers {
  groupId: string;
  /** Host prefixes (`/32`), canonical and sorted. */
  ipv4: string[];
  /** Host prefixes (`/128`), canonical and sorted. */
  ipv6: string[];
}

export interface HypervisorDesiredState {
  ports: PortState[];
  /** Sorted by group id: every remote group a rule of `ports` names, even one without members. */
  remoteGroups: RemoteGroupMembers[];
}

/**
 * The desired state of one hypervisor as the worker sends it: every port with the rules of its
 * groups, a rule whose remote is a group carrying no addresses (`remoteCidrs` empty) and the
 * group's members listed once in `remoteGroups`. So members travel once per state, not once per
 * rule and port: 40 members named by 800 rules are 40 addresses, not 32,000.
 */
export function hypervisorState(hypervisorId: string, instances: readonly InstanceView[], groups: readonly GroupView[]): HypervisorDesiredState {
  const ports = hypervisorPorts(hypervisorId, instances, groups, { namedSets: true });
  const byId = new Map(groups.map((g) => [g.id, g]));
  const named = [...new Set(ports.flatMap((p) => p.groups.flatMap((g) => g.rules.map((r) => r.remoteGroupId).filter((id): id is string => id !== null))))].sort();
  const remoteGroups = named.map((groupId) => {
    const group = byId.get(groupId);
    if (!group) return { groupId, ipv4: [], ipv6: [] };
    const vpcInstances = instances.filter((i) => i.vpcId === group.vpcId);
    return { groupId, ipv4: memberCidrs(group, vpcInstances, 'IPv4'), ipv6: memberCidrs(group, vpcInstances, 'IPv6') };
  });
  return { ports, remoteGroups };
}

/**
 * Every port on one hypervisor with the rules of every group that applies to it, remote groups
 * resolved to their members' current addresses in each rule (with `namedSets`, left empty: see
 * hypervisorState). Deterministic
 * (sorted), so equal states hash equally and an unchanged state is not pushed again.
 * `instances` and `groups` must cover the VPCs of the hypervisor's instances.
 */
export function hypervisorPorts(hypervisorId: string, instances: readonly InstanceView[], groups: readonly GroupView[], options: { namedSets?: boolean } = {}): PortState[] {
  const byId = new Map(groups.map((g) => [g.id, g]));
  return instances
    .filter((i) => i.hypervisorId === hypervisorId)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((instance) => {
      const vpcInstances = instances.filter((i) => i.vpcId === instance.vpcId);
      const attached = attachmentsOf(instance, groups)
        .map((a) => a.group)
        .sort((a, b) => a.id.localeCompare(b.id));
      return {
        instanceId: instance.id,
        vpcId: instance.vpcId,
        ipv4: instance.ipv4,
        ipv6: instance.ipv6,
        groups: attached.map((g) => ({
          groupId: g.id,
          name: g.name,
          rules: [...g.rules]
            .sort((a, b) => a.id.localeCompare(b.id))
            .map((r) => {
              const remote = r.remoteGroupId ? byId.get(r.remoteGroupId) : undefined;
              return {
                id: r.id,
                direction: r.direction,
                protocol: enforcedProtocol(r.protocol),
                portRange: r.portRange,
                icmp: r.icmp,
                ipVersion: r.ipVersion,
                remoteCidrs: r.remoteGroupId ? (remote && !options.namedSets ? memberCidrs(remote, vpcInstances, r.ipVersion) : []) : [remoteCidr(r)],
                remoteGroupId: r.remoteGroupId,
              };
            }),
        })),
      };
    });
}
