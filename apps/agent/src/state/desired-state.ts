import type { PortGroup, PortRule, PortState } from '@sg/domain';

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

/** The shapes the worker computes (libs/domain policy/hypervisor-state.ts): one definition for both ends. */
export type StatePort = PortState;
export type StateGroup = PortGroup;
export type StateRule = PortRule;
