import type { Direction, IcmpMatch, IpVersion, PortSpan, ProtocolName } from '@sg/domain';

/** The body of `PUT /v1/state` once validated (docs/agent-protocol.md): a hypervisor's whole desired state. */
export interface DesiredState {
  hypervisorId: string;
  /** Grows with every change of the desired state; the agent never goes back to a lower one. */
  revision: number;
  /** Re-apply even when `revision` equals the applied one (a resync). */
  force: boolean;
  /** Every VM port on the hypervisor; a port left out is denied everything. */
  ports: StatePort[];
}

export interface StatePort {
  instanceId: string;
  vpcId: string;
  ipv4: string | null;
  ipv6: string | null;
  groups: StateGroup[];
}

export interface StateGroup {
  groupId: string;
  name: string;
  rules: StateRule[];
}

/** Allow-only; the remote is already resolved to canonical CIDRs (empty: a remote group without members). */
export interface StateRule {
  id: string;
  direction: Direction;
  protocol: ProtocolName;
  portRange: PortSpan | null;
  icmp: IcmpMatch | null;
  ipVersion: IpVersion;
  remoteCidrs: string[];
  remoteGroupId: string | null;
}
