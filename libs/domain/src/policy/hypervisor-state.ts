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

/**
 * The desired state of one hypervisor: every port on it with the rules of every group that
 * applies to it, remote groups resolved to their members' current addresses. Deterministic
 * (sorted), so equal states hash equally and an unchanged state is not pushed again.
 * `instances` and `groups` must cover the VPCs of the hypervisor's instances.
 */
export function hypervisorPorts(hypervisorId: string, instances: readonly InstanceView[], groups: readonly GroupView[]): PortState[] {
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
                remoteCidrs: r.remoteGroupId ? (remote ? memberCidrs(remote, vpcInstances, r.ipVersion) : []) : [remoteCidr(r)],
                remoteGroupId: r.remoteGroupId,
              };
            }),
        })),
      };
    });
}
