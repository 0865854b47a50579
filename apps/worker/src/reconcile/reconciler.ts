import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { type AgentReport, Agents, HypervisorReadModel, type HypervisorRecord, type HypervisorStateRecord, HypervisorStates, LeaderLock, OperationReadModel } from '@sg/application';
import type { AppConfig, HypervisorSyncJob } from '@sg/infra';
import { mapBounded } from '../platform/bounded';
import { SyncQueue } from '../platform/queues';
import { WORKER_CONFIG } from '../platform/worker-config';

/**
 * Compares desired and applied revisions and resends what drifted: an agent that restarted
 * reports a lower revision and gets its full state again; a desired state that changed without a
 * sync (a lost job) is noticed by its hash, and operations left waiting with no job to settle
 * them get one. Only the leading worker reconciles (one pass at a time), and it probes agents
 * concurrently, a bounded number at once, so dead or hanging agents cost one timeout per lane,
 * not one each in turn.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reconciler');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
    @Inject(Agents) private readonly agents: Agents,
    @Inject(LeaderLock) private readonly leader: LeaderLock,
    @Inject(SyncQueue) private readonly queue: SyncQueue,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.pass()
        .then(() => undefined)
        .catch((e) => this.logger.warn(`pass failed: ${(e as Error).message}`))
        .finally(() => (this.running = null));
    }, this.config.propagation.reconcileIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass if this worker leads; null when another one does (and reconciles). */
  async pass(): Promise<HypervisorSyncJob[] | null> {
    return (await this.leader.tryLead()) ? this.reconcile() : null;
  }

  /** One pass over every registered hypervisor; returns the syncs it requested. */
  async reconcile(): Promise<HypervisorSyncJob[]> {
    const [hypervisors, states, failed] = await Promise.all([this.hypervisors.all(), this.states.all(), this.operations.hypervisorsWithFailedTargets()]);
    const { reconcileConcurrency } = this.config.propagation;
    const failedThere = new Set(failed);
    const found = await mapBounded(hypervisors, reconcileConcurrency, (hv) => this.probe(hv, states.get(hv.id), failedThere));
    const jobs = found.filter((job): job is HypervisorSyncJob => job !== null);
    // Operations still waiting long after their change: their job may be lost; a sync settles them.
    const waitedTooLong = await this.operations.hypervisorsWithStaleTargets(Math.max(5000, 2 * this.config.propagation.reconcileIntervalMs));
    for (const hypervisorId of waitedTooLong) {
      if (!jobs.some((j) => j.hypervisorId === hypervisorId)) jobs.push({ hypervisorId, force: false });
    }
    if (jobs.length > 0) await this.queue.request(jobs);
    return jobs;
  }

  /**
   * What one hypervisor needs: a full push when the agent does not hold the desired state (its
   * revision or its hash differ, above or below: it restarted, or someone else pushed to it), a
   * sync when the desired state changed without one or operations that failed there can now be
   * settled, or nothing. An agent that does not answer gets its error recorded.
   */
  private async probe(hv: HypervisorRecord, known: HypervisorStateRecord | undefined, failedThere: ReadonlySet<string>): Promise<HypervisorSyncJob | null> {
    try {
      const report = await this.agents.health(hv.agentUrl, this.config.propagation.agentTimeoutMs);
      let current = known;
      if (current && !holds(current, report)) current = (await this.states.find(hv.id)) ?? undefined; // a sync may have moved it meanwhile
      if (!current || !holds(current, report)) {
        if (current && report.appliedRevision < current.appliedRevision) {
          this.logger.log(`${hv.id} reports revision ${report.appliedRevision} after ${current.appliedRevision}: it restarted; resending its full state`);
        } else if (current && current.desiredRevision > 0) {
          this.logger.warn(`${hv.id} reports revision ${report.appliedRevision} with hash ${report.appliedHash?.slice(0, 12) ?? 'none'}, not the desired revision ${current.desiredRevision}: drift; resending its full state`);
        }
        await this.states.recordReported(hv.id, report.appliedRevision);
        return { hypervisorId: hv.id, force: true };
      }
      await this.states.recordReported(hv.id, report.appliedRevision);
      if (failedThere.has(hv.id)) return { hypervisorId: hv.id, force: false };
      return (await this.states.hasDrifted(hv.id)) ? { hypervisorId: hv.id, force: false } : null;
    } catch (error) {
      await this.states.recordError(hv.id, (error as Error).message).catch(() => undefined);
      return null;
    }
  }
}

/** Whether the agent's report is the desired state: its revision and its hash. */
function holds(known: HypervisorStateRecord, report: AgentReport): boolean {
  return report.appliedRevision === known.desiredRevision && report.appliedHash !== null && report.appliedHash === known.desiredHash;
}
