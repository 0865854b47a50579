import type { PortState, RemoteGroupMembers, StateSection } from '@sg/domain';

/** How far a hypervisor's agent has caught up with the changes meant for it (the worker's `hypervisor_states`). */
export interface HypervisorStateRecord {
  hypervisorId: string;
  /** Grows with every change that touches the hypervisor. */
  desiredRevision: number;
  /** The hash of the state named by desiredRevision (stateHash in libs/protocol); null before the first. */
  desiredHash: string | null;
  /** The revision the agent last acknowledged. */
  appliedRevision: number;
  lastContactAt: string | null;
  /** The last push or health check that failed, cleared by the next success. */
  lastError: string | null;
  pushes: number;
}

export interface AllocatedState {
  /** Every port on the hypervisor with its effective rules, from the read models as they are now. */
  ports: PortState[];
  /** Each remote group's members, once per state. */
  remoteGroups: RemoteGroupMembers[];
  revision: number;
  /** stateHash() of `ports` and `remoteGroups`: the agent must answer with it for the target to count as done. */
  hash: string;
  /** The agent already acknowledged this revision and the state has not changed since. */
  acknowledged: boolean;
  /** A full push was asked for, by this sync or by a resync folded into it. */
  forced: boolean;
  /** The tenant of each VPC with a port in the state: its sections (sectionsOf) are per tenant. */
  tenantOfVpc: Record<string, string>;
}

/** A tenant's part of the state an agent last accepted, with its hash (stateHash of its ports and remote groups). */
export interface AcceptedSection extends StateSection {
  hash: string;
}

/** Each hypervisor's desired and applied revision: what the propagation worker keeps beside the events. */
export abstract class HypervisorStates {
  abstract all(): Promise<Map<string, HypervisorStateRecord>>;

  /** One hypervisor's record, as it is now; null before its first sync. */
  abstract find(hypervisorId: string): Promise<HypervisorStateRecord | null>;

  /** Remembers a resync until the next sync of these hypervisors, whichever job runs it. */
  abstract requestForcedSync(hypervisorIds: readonly string[]): Promise<void>;

  /**
   * Computes the desired state and names it with a revision, atomically per hypervisor: two syncs
   * of one hypervisor never give an older state the higher revision. A changed (or forced) state
   * gets a revision above both the last desired one and anything the agent reported.
   */
  abstract allocateRevision(hypervisorId: string, force: boolean): Promise<AllocatedState>;

  /** The agent acknowledged `revision`; the applied revision never moves backwards. */
  abstract recordApplied(hypervisorId: string, revision: number, pushed: boolean): Promise<void>;

  /** The agent restarted or lost state: what it reports now is what it has. */
  abstract recordReported(hypervisorId: string, appliedRevision: number): Promise<void>;

  abstract recordError(hypervisorId: string, error: string): Promise<void>;

  /** Whether the desired state the read models give now differs from the one last given a revision (a change no sync carried). */
  abstract hasDrifted(hypervisorId: string): Promise<boolean>;

  /** Each registered hypervisor's desired minus applied revision (0 when in sync or never given a state). */
  abstract revisionLags(): Promise<{ hypervisorId: string; lag: number }[]>;

  /**
   * Each tenant's part of the state the hypervisor's agent last accepted (by tenant), or null when
   * none was recorded yet (no push accepted since these records began).
   */
  abstract acceptedSections(hypervisorId: string): Promise<Map<string, AcceptedSection> | null>;

  /** The agent accepted a state made of these sections: they replace the ones recorded (only those that changed are written). */
  abstract recordAcceptedSections(hypervisorId: string, sections: readonly AcceptedSection[]): Promise<void>;

  /**
   * A revision for a state other than the desired one (a refused state's fallback, with some
   * tenants held at their accepted part): above every revision given or reported, and recorded as
   * the desired one with `hash`, so that a push answered with it counts as done, and the next sync
   * (whose desired state then differs) tries the whole state again.
   */
  abstract allocateFallbackRevision(hypervisorId: string, hash: string): Promise<number>;

  /** After a fallback: the revision and hash the agent holds are the desired ones (nothing is left pending above them). */
  abstract settleFallback(hypervisorId: string, revision: number, hash: string): Promise<void>;
}
