import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentError, Agents, type AllocatedState, HypervisorReadModel, HypervisorStates, OperationReadModel, type PushResult } from '@sg/application';
import { AppConfig, HypervisorSyncJob, isUnavailable } from '@sg/infra';
import { agentCredential } from '@sg/protocol';
import { OperationReporter } from '../operations/operation-reporter';
import { SyncInterrupted, SyncShutdown } from '../platform/lifecycle/sync-shutdown';
import { WorkerMetrics } from '../platform/observability/worker-metrics';
import { WORKER_CONFIG } from '../platform/worker-config';
import { fallBack, type FallbackResult, isStateRefusal, sectionsOfDesired, type StateToSend } from './state-fallback';

export interface Attempt {
  /** 1-based. */
  number: number;
  max: number;
}

export class PermanentSyncError extends Error {}

/** How many failed operations one sync settles as converged (the rest, the next sync). */
const CONVERGED_PER_SYNC = 500;

const short = (hash: string | null) => (hash ? hash.slice(0, 12) : 'none');

/**
 * Postgres (or Redis) could not be reached: the agent was not at fault, so this is no attempt
 * of the target's; nothing is reported (there is nowhere to report it), and the sync runs again.
 */
export class BackingServiceDownError extends Error {}

/**
 * Brings one hypervisor to its desired state and tells every operation waiting on it.
 * The waiting operations are read BEFORE the state is computed, so the state pushed contains
 * every one of their changes; operations committed later are resolved by the follow-up sync.
 */
@Injectable()
export class SyncHypervisor {
  private readonly logger = new Logger('sync');

  constructor(
    @Inject(OperationReadModel) private readonly waitingOperations: OperationReadModel,
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
    @Inject(Agents) private readonly agents: Agents,
    @Inject(OperationReporter) private readonly operations: OperationReporter,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(SyncShutdown) private readonly shutdown: SyncShutdown,
  ) {}

  async run(job: HypervisorSyncJob, attempt: Attempt): Promise<{ appliedRevision: number; pushed: boolean }> {
    try {
      return await this.attempt(job, attempt);
    } catch (error) {
      throw backingServiceDown(error) ?? error;
    }
  }

  private async attempt({ hypervisorId, force }: HypervisorSyncJob, attempt: Attempt): Promise<{ appliedRevision: number; pushed: boolean }> {
    if (this.shutdown.stopping) throw new SyncInterrupted();
    const waiting = await this.waitingOperations.waitingOn(hypervisorId);
    // Every request whose change this sync carries: a coalesced sync carries several, all logged.
    const requestIds = await this.requestIdsOf(waiting);
    const traced = { operationIds: waiting, requestIds };
    // Read before the state is computed too, so that the state carries their changes.
    const failedBefore = await this.waitingOperations.failedOn(hypervisorId, CONVERGED_PER_SYNC);
    await this.operations.reportMany(waiting, { type: 'start' });
    try {
      const hypervisor = await this.hypervisors.find(hypervisorId);
      if (!hypervisor) throw new AgentError(`hypervisor ${hypervisorId} is not registered`, true);
      let desired = await this.states.allocateRevision(hypervisorId, force);
      let appliedRevision = desired.revision;
      const push = desired.forced || !desired.acknowledged;
      const send = async (state: StateToSend): Promise<{ reply: PushResult; seconds: number }> => {
        const body = { hypervisorId, ...state };
        const { agentTimeoutMs: timeoutMs, agentToken: secret } = this.config.propagation;
        // This agent's own credential, and no other: a URL that is not the agent's learns nothing of the others'.
        const token = agentCredential(secret, hypervisorId);
        // The state may also carry the changes of operations queued since `waiting` was read (it
        // was computed after): their requests ride along too, so the agent's log names every
        // request whose change it applies (and at worst one whose change the next push brings).
        const carried = [...new Set([...waiting, ...(await this.waitingOperations.waitingOn(hypervisorId))])];
        const requestIds = carried.length === waiting.length ? traced.requestIds : await this.requestIdsOf(carried);
        this.logger.log({ msg: `${hypervisorId}: pushing revision ${state.revision}${state.force ? ' (forced)' : ''} for ${carried.length} operation(s)`, revision: state.revision, operationIds: carried, requestIds });
        const started = performance.now();
        try {
          const reply = await this.agents.push(hypervisor.agentUrl, body, { timeoutMs, token, requestIds, signal: this.shutdown.signal });
          return { reply, seconds: (performance.now() - started) / 1000 };
        } catch (error) {
          if (!this.shutdown.stopping) this.metrics.pushed(hypervisorId, (performance.now() - started) / 1000, { reason: error instanceof AgentError ? error.reason : 'unknown' });
          throw error;
        }
      };
      let fallback: FallbackResult | null = null;
      // A push whose answer does not match the desired state (revision AND hash) is drift: the
      // agent holds something else. One resync follows at once, above whatever it reported.
      for (let round = 1; push; round++) {
        let reply: PushResult;
        let seconds: number;
        try {
          ({ reply, seconds } = await send({ revision: desired.revision, force: desired.forced, ports: desired.ports, remoteGroups: desired.remoteGroups }));
        } catch (error) {
          // Refused for what it holds (too large, say): the tenants whose part changed are held at
          // the part the agent last accepted, the others' changes go through (docs/reliability.md).
          if (!isStateRefusal(error) || this.shutdown.stopping) throw error;
          this.logger.warn({ msg: `${hypervisorId}: ${error.message}; holding the tenants whose part changed at their last accepted part`, ...traced });
          fallback = await fallBack(hypervisorId, desired, this.states, async (state) => {
            const { reply: answer, seconds: took } = await send(state);
            this.metrics.pushed(hypervisorId, took);
            return answer;
          });
          if (!fallback) throw error;
          break;
        }
        if (await this.matches(hypervisorId, desired, reply)) {
          appliedRevision = reply.appliedRevision;
          this.metrics.pushed(hypervisorId, seconds);
          break;
        }
        this.metrics.pushed(hypervisorId, seconds, { reason: 'drift' });
        const drift = `agent ${hypervisorId} answered revision ${reply.appliedRevision} (hash ${short(reply.appliedHash)}), not revision ${desired.revision} (hash ${short(desired.hash)})`;
        if (round >= 2) throw new AgentError(`${drift} even after a resync`, true, 'drift');
        this.logger.warn({ msg: `${drift}: drift; resyncing above revision ${reply.appliedRevision}`, ...traced });
        await this.states.recordReported(hypervisorId, reply.appliedRevision);
        desired = await this.states.allocateRevision(hypervisorId, true);
      }
      if (fallback) return await this.settleFallback(hypervisorId, waiting, failedBefore, fallback, attempt, traced);
      await this.states.recordApplied(hypervisorId, appliedRevision, push);
      if (push) await this.states.recordAcceptedSections(hypervisorId, sectionsOfDesired(desired));
      await this.operations.reportMany(waiting, { type: 'target-succeeded', hypervisorId, appliedRevision, attempts: attempt.number });
      // Operations that failed here earlier: the hypervisor now holds a state computed after them.
      if (failedBefore.length > 0) {
        await this.operations.reportMany(failedBefore, { type: 'target-converged', hypervisorId, appliedRevision });
        this.logger.log({ msg: `${hypervisorId}: revision ${appliedRevision} applied; ${failedBefore.length} operation(s) that had failed there converged`, operationIds: failedBefore });
      }
      if (waiting.length > 0) this.logger.log({ msg: `${hypervisorId}: revision ${appliedRevision} applied; ${waiting.length} operation(s) done there`, revision: appliedRevision, ...traced });
      return { appliedRevision, pushed: push };
    } catch (error) {
      // A push cut short by the worker's shutdown is nobody's failure: the job goes back to the queue.
      if (this.shutdown.stopping) throw new SyncInterrupted();
      const message = error instanceof Error ? error.message : String(error);
      const down = backingServiceDown(error);
      if (down) throw down;
      const permanent = error instanceof AgentError && !error.retryable;
      const final = permanent || attempt.number >= attempt.max;
      this.logger.warn({ msg: `${hypervisorId}: attempt ${attempt.number}/${attempt.max} failed: ${message}`, ...traced });
      await this.states.recordError(hypervisorId, message).catch(() => undefined);
      await this.operations.reportMany(
        waiting,
        final
          ? { type: 'target-failed', hypervisorId, attempts: attempt.number, error: message }
          : { type: 'target-attempt-failed', hypervisorId, attempt: attempt.number, error: message, nextAttemptAt: null },
      );
      throw permanent ? new PermanentSyncError(message) : error;
    }
  }

  /**
   * The agent took a fallback state (fallBack): the operations of the tenants it held fail, saying
   * why; every other waiting operation is done there. Operations that failed here earlier converge,
   * except the held tenants' (their part is still the one accepted before them).
   */
  private async settleFallback(
    hypervisorId: string,
    waiting: string[],
    failedBefore: string[],
    { revision, hash, sections, held }: FallbackResult,
    attempt: Attempt,
    traced: { operationIds: string[]; requestIds: string[] },
  ): Promise<{ appliedRevision: number; pushed: boolean }> {
    await this.states.settleFallback(hypervisorId, revision, hash);
    await this.states.recordApplied(hypervisorId, revision, true);
    await this.states.recordAcceptedSections(hypervisorId, sections);
    const tenantOf = new Map((await this.waitingOperations.states([...waiting, ...failedBefore])).map((o) => [o.id, o.tenant]));
    const isHeld = (id: string) => held.has(tenantOf.get(id) ?? '');
    const refused = waiting.filter(isHeld);
    for (const [tenant, why] of held) {
      const ids = refused.filter((id) => tenantOf.get(id) === tenant);
      const error =
        `${why}: the state with tenant ${tenant}'s changes is more than the agent of ${hypervisorId} takes; ` +
        `the hypervisor keeps the tenant's rules as last accepted there, and the other tenants' changes are applied`;
      if (ids.length > 0) await this.operations.reportMany(ids, { type: 'target-failed', hypervisorId, attempts: attempt.number, error });
      await this.states.recordError(hypervisorId, error).catch(() => undefined);
    }
    const done = waiting.filter((id) => !isHeld(id));
    await this.operations.reportMany(done, { type: 'target-succeeded', hypervisorId, appliedRevision: revision, attempts: attempt.number });
    const converged = failedBefore.filter((id) => !isHeld(id));
    if (converged.length > 0) await this.operations.reportMany(converged, { type: 'target-converged', hypervisorId, appliedRevision: revision });
    this.logger.warn({
      msg: `${hypervisorId}: revision ${revision} applied with tenant(s) ${[...held.keys()].join(', ') || 'none'} held at their last accepted part; ${refused.length} operation(s) failed, ${done.length} done there`,
      revision,
      ...traced,
    });
    return { appliedRevision: revision, pushed: true };
  }

  /**
   * Whether the agent's answer is the desired state: the revision pushed with its hash, or a later
   * revision another sync pushed meanwhile (the hypervisor's current desired revision and hash,
   * computed after this one, so it carries this sync's changes too). Anything else is drift.
   */
  private async matches(hypervisorId: string, desired: AllocatedState, reply: PushResult): Promise<boolean> {
    if (reply.appliedHash === null) return false;
    if (reply.appliedRevision === desired.revision) return reply.appliedHash === desired.hash;
    if (reply.appliedRevision < desired.revision) return false;
    const now = await this.states.find(hypervisorId);
    return now !== null && now.desiredRevision === reply.appliedRevision && now.desiredHash === reply.appliedHash;
  }

  private async requestIdsOf(operationIds: readonly string[]): Promise<string[]> {
    return [...new Set([...(await this.waitingOperations.requestIdsOf(operationIds)).values()].flat())];
  }
}

/** The error as a BackingServiceDownError when it says Postgres or Redis is out of reach (an agent's never does). */
function backingServiceDown(error: unknown): BackingServiceDownError | undefined {
  if (error instanceof BackingServiceDownError) return error;
  if (error instanceof AgentError || error instanceof SyncInterrupted || !isUnavailable(error)) return undefined;
  return new BackingServiceDownError(`Postgres or Redis unreachable: ${error instanceof Error ? error.message : String(error)}`);
}
