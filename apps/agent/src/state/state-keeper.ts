import type { DriverName } from '../config/agent-config';
import type { Driver } from '../drivers/driver';
import type { ApplyObserver } from '../observability/agent-metrics';
import { EMPTY_STATE_HASH, stateHash } from '@sg/protocol';
import type { DesiredState, StatePort, StateRemoteGroup } from './desired-state';
import { resolveRemoteGroups } from './parse-desired-state';

export type PushOutcome =
  | { status: 'applied'; appliedRevision: number; appliedHash: string; warnings: string[] }
  | { status: 'unchanged'; appliedRevision: number; appliedHash: string }
  | { status: 'wrong-hypervisor'; hypervisorId: string }
  | { status: 'failed'; appliedRevision: number; appliedHash: string; error: string };

/** `GET /v1/state`. */
export interface AgentSnapshot {
  hypervisorId: string;
  appliedRevision: number;
  /** stateHash() of the ports in force: the worker compares it with the desired state's. */
  appliedHash: string;
  driver: DriverName;
  ports: StatePort[];
  /** The remote groups' members, as pushed (a rule naming one refers to its set). */
  remoteGroups: StateRemoteGroup[];
  appliedAt: string | null;
  pushes: number;
  /** The last apply that failed, until one succeeds; else what the driver cannot enforce now (a port without a route). */
  lastError: { revision: number; message: string; at: string } | null;
  /** The driver's own account (nftables: namespace, interfaces, last apply, drift); null for memory. */
  enforcement: unknown;
}

/**
 * The applied state of one hypervisor and the rules for changing it (docs/agent-protocol.md
 * "Revisions"). Applies run one at a time in arrival order, and each decides against the revision
 * applied when its turn comes, so two pushes never interleave and a late one never rolls back.
 */
export class StateKeeper {
  private applied: { state: DesiredState; hash: string; at: Date } | null = null;
  private lastError: AgentSnapshot['lastError'] = null;
  private pushes = 0;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly hypervisorId: string,
    private readonly driver: Driver,
    private readonly now: () => Date = () => new Date(),
    private readonly observer: ApplyObserver | null = null,
  ) {}

  get appliedRevision(): number {
    return this.applied?.state.revision ?? 0;
  }

  /** stateHash() of the ports in force (the empty state's before the first apply). */
  get appliedHash(): string {
    return this.applied?.hash ?? EMPTY_STATE_HASH;
  }

  /** The state in force, or null before the first apply. */
  get appliedState(): DesiredState | null {
    return this.applied?.state ?? null;
  }

  /** The last apply that failed, until one succeeds (readiness reports it). */
  get lastFailure(): AgentSnapshot['lastError'] {
    return this.lastError;
  }

  /** Every `PUT /v1/state` counts, a bad one too: load tests compare it with what they sent. */
  countPush(): void {
    this.pushes++;
  }

  push(state: DesiredState): Promise<PushOutcome> {
    if (state.hypervisorId !== this.hypervisorId) return Promise.resolve({ status: 'wrong-hypervisor', hypervisorId: this.hypervisorId });
    const turn = this.tail.then(() => this.applyInTurn(state));
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  /** Settles once every push accepted so far has been answered; shutdown waits for it. */
  async idle(): Promise<void> {
    await this.tail;
  }

  snapshot(): AgentSnapshot {
    return {
      hypervisorId: this.hypervisorId,
      appliedRevision: this.appliedRevision,
      appliedHash: this.appliedHash,
      driver: this.driver.describe().name,
      ports: this.applied?.state.ports ?? [],
      remoteGroups: this.applied?.state.remoteGroups ?? [],
      appliedAt: this.applied?.at.toISOString() ?? null,
      pushes: this.pushes,
      lastError: this.lastError ?? this.driver.problem?.() ?? null,
      enforcement: this.driver.status?.() ?? null,
    };
  }

  private async applyInTurn(state: DesiredState): Promise<PushOutcome> {
    const current = this.appliedRevision;
    // A forced push re-applies the revision in force; an older one stays stale, forced or not.
    const wanted = state.revision > current || (state.force && state.revision === current);
    if (!wanted) return { status: 'unchanged', appliedRevision: current, appliedHash: this.appliedHash };
    let warnings: string[];
    const started = performance.now();
    try {
      // The drivers take each rule with its addresses; its remote group's set is shared, not copied.
      ({ warnings } = await this.driver.apply(resolveRemoteGroups(state)));
      this.observer?.applied('push', 'ok', (performance.now() - started) / 1000);
    } catch (error) {
      this.observer?.applied('push', 'failed', (performance.now() - started) / 1000);
      const message = error instanceof Error ? error.message : String(error);
      this.lastError = { revision: state.revision, message, at: this.now().toISOString() };
      return { status: 'failed', appliedRevision: current, appliedHash: this.appliedHash, error: message };
    }
    this.applied = { state, hash: stateHash(state.ports, state.remoteGroups ?? []), at: this.now() };
    this.lastError = null;
    return { status: 'applied', appliedRevision: state.revision, appliedHash: this.applied.hash, warnings };
  }
}
