import { Inject, Injectable, Logger } from '@nestjs/common';
import { AgentError, Agents, HypervisorReadModel, HypervisorStates, OperationReadModel } from '@sg/application';
import { AppConfig, HypervisorSyncJob, isUnavailable } from '@sg/infra';
import { OperationReporter } from '../operations/operation-reporter';
import { WORKER_CONFIG } from '../platform/worker-config';

export interface Attempt {
  /** 1-based. */
  number: number;
  max: number;
}

export class PermanentSyncError extends Error {}

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
  ) {}

  async run(job: HypervisorSyncJob, attempt: Attempt): Promise<{ appliedRevision: number; pushed: boolean }> {
    try {
      return await this.attempt(job, attempt);
    } catch (error) {
      throw backingServiceDown(error) ?? error;
    }
  }

  private async attempt({ hypervisorId, force }: HypervisorSyncJob, attempt: Attempt): Promise<{ appliedRevision: number; pushed: boolean }> {
    const waiting = await this.waitingOperations.waitingOn(hypervisorId);
    await this.operations.reportMany(waiting, { type: 'start' });
    try {
      const hypervisor = await this.hypervisors.find(hypervisorId);
      if (!hypervisor) throw new AgentError(`hypervisor ${hypervisorId} is not registered`, true);
      const desired = await this.states.allocateRevision(hypervisorId, force);
      let appliedRevision = desired.revision;
      const push = desired.forced || !desired.acknowledged;
      if (push) {
        const body = { hypervisorId, revision: desired.revision, force: desired.forced, ports: desired.ports };
        const { agentTimeoutMs: timeoutMs, agentToken: token } = this.config.propagation;
        const reply = await this.agents.push(hypervisor.agentUrl, body, { timeoutMs, token });
        if (reply.appliedRevision < desired.revision) throw new AgentError(`agent ${hypervisorId} applied ${reply.appliedRevision}, not ${desired.revision}`, true);
        appliedRevision = reply.appliedRevision;
      }
      await this.states.recordApplied(hypervisorId, appliedRevision, push);
      await this.operations.reportMany(waiting, { type: 'target-succeeded', hypervisorId, appliedRevision, attempts: attempt.number });
      return { appliedRevision, pushed: push };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const down = backingServiceDown(error);
      if (down) throw down;
      const permanent = error instanceof AgentError && !error.retryable;
      const final = permanent || attempt.number >= attempt.max;
      this.logger.warn(`${hypervisorId}: attempt ${attempt.number}/${attempt.max} failed: ${message}`);
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
}

/** The error as a BackingServiceDownError when it says Postgres or Redis is out of reach (an agent's never does). */
function backingServiceDown(error: unknown): BackingServiceDownError | undefined {
  if (error instanceof BackingServiceDownError) return error;
  if (error instanceof AgentError || !isUnavailable(error)) return undefined;
  return new BackingServiceDownError(`Postgres or Redis unreachable: ${error instanceof Error ? error.message : String(error)}`);
}
