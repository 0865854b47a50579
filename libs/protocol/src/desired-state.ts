/**
 * The body of `PUT /v1/state` (docs/agent-protocol.md): a hypervisor's whole desired state, as the
 * worker sends it and the agent reads it. Plain data, so that both ends share one definition
 * without the agent loading what the worker runs on.
 */
export interface DesiredState {
  hypervisorId: string;
  /** Grows with every change of the desired state; the agent never goes back to a lower one. */
  revision: number;
  /** Re-apply even when `revision` equals the applied one (a resync). */
  force: boolean;
  /** Every VM port on the hypervisor; a port left out is denied everything. */
  ports: StatePort[];
  /**
   * The members of every remote group a rule names, once per state (docs/agent-protocol.md "Remote
   * groups"): a rule whose `remoteGroupId` is listed here carries no addresses of its own
   * (`remoteCidrs` empty) and refers to this set, which the agent renders as one nftables named set.
   * The worker always sends it; an agent reads a state without it as an empty list.
   */
  remoteGroups?: StateRemoteGroup[];
}

/** A remote group's members: host prefixes (`/32`, `/128`), canonical and sorted. */
export interface StateRemoteGroup {
  groupId: string;
  ipv4: string[];
  ipv6: string[];
}

export interface StatePort {
  instanceId: string;
  vpcId: string;
  /** Canonical text, or null when the port has no address of that version. */
  ipv4: string | null;
  ipv6: string | null;
  /** Every group applied to the port; its allowed traffic is their union. */
  groups: StateGroup[];
}

export interface StateGroup {
  groupId: string;
  name: string;
  rules: StateRule[];
}

export type StateDirection = 'inbound' | 'outbound';
/** tcp, udp, icmp, icmpv6, all, or any other IP protocol by its number as decimal text ("47"). */
export type StateProtocol = 'tcp' | 'udp' | 'icmp' | 'icmpv6' | 'all' | (string & {});
export type StateIpVersion = 'IPv4' | 'IPv6';

/** An allow rule with its remote already resolved to CIDRs. */
export interface StateRule {
  id: string;
  direction: StateDirection;
  protocol: StateProtocol;
  /** tcp/udp (and dccp, sctp, udplite by number) only; null: every port. */
  portRange: { from: number; to: number } | null;
  /** icmp/icmpv6 only; null: every type. `code` null: every code of the type. */
  icmp: { type: number; code: number | null } | null;
  ipVersion: StateIpVersion;
  /**
   * Canonical CIDRs of the rule's IP version. For a remote group listed in the state's
   * `remoteGroups`: empty on the wire (the members are the set's). For one not listed (an older
   * worker): its members as host prefixes (empty: matches nothing).
   */
  remoteCidrs: string[];
  remoteGroupId: string | null;
}

/** The agent's answer to an accepted push. */
export interface PushAnswer {
  hypervisorId: string;
  appliedRevision: number;
  changed: boolean;
  /** stateHash() of the ports in force (after this push, or still, when it changed nothing). */
  appliedHash: string;
  /** Applied, but not everywhere: e.g. a port whose address has no route on the hypervisor. */
  warnings?: string[];
}
