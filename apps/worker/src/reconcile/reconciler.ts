import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { agentHealth, AppConfig, computeDesiredState, HypervisorSyncJob, hypervisorStates, hypervisorsWithStaleTargets, listHypervisors, recordError, recordReported } from '@sg/infra';
import { DataSource } from 'typeorm';
import { SyncQueue } from '../platform/queues';
import { WORKER_CONFIG } from '../platform/worker-config';

/**
 * Compares desired and applied revisions and resends what drifted (DESIGN.md "Propagation"): an
 * agent that restarted reports a lower revision and gets its full state again; a desired state
 * that changed without a sync (a lost job) is noticed by its hash, and operations left waiting
 * with no job to settle them get one.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('reconciler');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(SyncQueue) private readonly queue: SyncQueue,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.reconcile()
        .then(() => undefined)
        .catch((e) => this.logger.warn(`pass failed: ${(e as Error).message}`))
        .finally(() => (this.running = null));
    }, this.config.propagation.reconcileIntervalMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass over every registered hypervisor; returns the syncs it requested. */
  async reconcile(): Promise<HypervisorSyncJob[]> {
    const m = this.db.manager;
    const [hypervisors, states] = await Promise.all([listHypervisors(m), hypervisorStates(m)]);
    const jobs: HypervisorSyncJob[] = [];
    for (const hv of hypervisors) {
      const known = states.get(hv.id);
      try {
        const { appliedRevision } = await agentHealth(hv.agentUrl, this.config.propagation.agentTimeoutMs);
        if (known && appliedRevision < known.appliedRevision) {
          this.logger.log(`${hv.id} reports revision ${appliedRevision} after ${known.appliedRevision}: it restarted; resending its full state`);
        }
        await recordReported(m, hv.id, appliedRevision);
        if (!known || appliedRevision < known.desiredRevision) {
          jobs.push({ hypervisorId: hv.id, force: true });
          continue;
        }
        const desired = await computeDesiredState(m, hv.id);
        const [row] = await m.query(`SELECT desired_hash FROM hypervisor_states WHERE hypervisor_id = $1`, [hv.id]);
        if (row?.desired_hash !== desired.hash) jobs.push({ hypervisorId: hv.id, force: false });
      } catch (error) {
        await recordError(m, hv.id, (error as Error).message).catch(() => undefined);
      }
    }
    // Operations still waiting long after their change: their job may be lost; a sync settles them.
    const waitedTooLong = await hypervisorsWithStaleTargets(m, Math.max(5000, 2 * this.config.propagation.reconcileIntervalMs));
    for (const hypervisorId of waitedTooLong) {
      if (!jobs.some((j) => j.hypervisorId === hypervisorId)) jobs.push({ hypervisorId, force: false });
    }
    if (jobs.length > 0) await this.queue.request(jobs);
    return jobs;
  }
}
