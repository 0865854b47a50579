import type { DriverName } from '../config/agent-config';
import type { DesiredState } from '../state/desired-state';

export interface DriverDescription {
  name: DriverName;
  /** The revision the driver enforces now; null before its first apply. */
  revision: number | null;
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
  apply(state: DesiredState): Promise<void>;
  /** Cheap and synchronous: GET /v1/state calls it on every request. */
  describe(): DriverDescription;
}
