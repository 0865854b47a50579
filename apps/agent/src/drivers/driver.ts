import type { DriverName } from '../config/agent-config';
import type { DriverCounters } from '../observability/agent-metrics';
import type { DesiredState } from '../state/desired-state';

export interface DriverDescription {
  name: DriverName;
  /** The revision the driver enforces now; null before its first apply. */
  revision: number | null;
}

/** An apply that succeeded: what it could not do everywhere (a port without a route, say). */
export interface ApplyReport {
  warnings: string[];
}

/** A standing problem, shown as the agent's lastError while no apply has failed. */
export interface DriverProblem {
  revision: number;
  message: string;
  at: string;
}

/**
 * Enforces a hypervisor's desired state. The agent calls `apply` one state at a time (never
 * concurrently) and only with a revision it has decided to apply.
 */
export interface Driver {
  /**
   * All or nothing: when it rejects, the state enforced before the call is still the one in force
   * (nftables: one `nft -f` transaction). The rejection's message reaches the worker as the error.
   */
  apply(state: DesiredState): Promise<ApplyReport>;
  /** Cheap and synchronous: GET /v1/state calls it on every request. */
  describe(): DriverDescription;
  /** What the driver enforces beyond the state itself, for GET /v1/state (`enforcement`). */
  status?(): unknown;
  problem?(): DriverProblem | null;
  /** Its own counters for /metrics (nftables: drift checks and repairs); none: zeros. */
  counters?(): DriverCounters;
  /** Stops background work. Whatever is enforced stays in force: a restarted agent finds it there. */
  close?(): Promise<void>;
}
