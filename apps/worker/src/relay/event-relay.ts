import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { EventStore, FeedCheckpoints, FindingReadModel, LeaderLock, type NewNotification, NotificationLog, OperationEvents, type StoredEvent, StreamTypes } from '@sg/application';
import { evolveOperation, initialOperationState, Operation, OperationEventTypes as T } from '@sg/domain';
import type { AppConfig, HypervisorSyncJob } from '@sg/infra';
import { WorkerMetrics } from '../platform/observability/worker-metrics';
import { SyncQueue } from '../platform/queues';
import { WORKER_CONFIG } from '../platform/worker-config';
import { FINDINGS_RELAY_CHECKPOINT, RELAY_CHECKPOINT as CHECKPOINT } from './relay-checkpoint';

const BATCH = 500;
const STATUS_CHANGES = new Set<string>([T.Queued, T.Started, T.Succeeded, T.Failed, T.RetryRequested]);
/** The status changes the metrics count (sg_operations_*), by event type. */
const STATUS_METRIC = { [T.Queued]: 'queued', [T.Succeeded]: 'succeeded', [T.Failed]: 'failed', [T.RetryRequested]: 'retry-requested' } as const;

/**
 * The events table is the outbox. The relay reads it in commit order from its checkpoint, writes
 * a notification per operation status change, adds the sync jobs, and moves the checkpoint only
 * after Redis has them: a crash in between re-sends (notifications are unique per event, jobs
 * deduplicate per hypervisor) rather than loses. Only the leading worker relays (LeaderLock), so
 * notification ids grow in commit order. Findings are relayed the same way from a checkpoint of
 * their own: the findings the events of each page opened (written with those events by the
 * findings projection) become `finding.opened` notifications of their tenant.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('relay');
  private stopped = false;
  private wake: (() => void) | null = null;
  private unsubscribe: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastProblem = '';

  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(FeedCheckpoints) private readonly checkpoints: FeedCheckpoints,
    @Inject(NotificationLog) private readonly notifications: NotificationLog,
    @Inject(LeaderLock) private readonly leader: LeaderLock,
    @Inject(SyncQueue) private readonly queue: SyncQueue,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(FindingReadModel) private readonly findings: FindingReadModel,
  ) {
    metrics.relayRole = () => this.role;
  }

  /** Leader (it moves the outbox), follower (another worker does), or paused by a failure. */
  get role(): 'leader' | 'follower' | 'paused' {
    return this.lastProblem ? 'paused' : this.leader.leading ? 'leader' : 'follower';
  }

  onApplicationBootstrap(): void {
    // Appends anywhere wake the relay at once; it also polls, since a wake-up can be lost.
    this.unsubscribe = this.store.onAppended(() => this.wake?.());
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.leader.tryLead())) {
          await this.sleep(2000);
          continue;
        }
        const moved = await this.pump();
        if (failures > 0) this.logger.log('relay recovered');
        failures = 0;
        this.lastProblem = '';
        if (moved === 0) await this.sleep(this.config.propagation.relayPollMs);
      } catch (error) {
        failures++;
        const problem = error instanceof Error ? error.message : String(error);
        if (problem !== this.lastProblem) this.logger.warn(`relay paused: ${problem}; will retry`);
        this.lastProblem = problem;
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** One batch of each: returns how many events they moved past. */
  private async pump(): Promise<number> {
    return (await this.pumpOperations()) + (await this.pumpFindings());
  }

  /** The findings the next page of the feed opened, each notified once to its tenant. */
  private async pumpFindings(): Promise<number> {
    const from = await this.checkpoints.load(FINDINGS_RELAY_CHECKPOINT);
    const { events, checkpoint } = await this.store.readAll({ after: from, limit: BATCH });
    if (events.length === 0) return 0;
    const positions = events.filter((e) => e.streamType === StreamTypes.securityGroup || e.streamType === StreamTypes.instance).map((e) => e.position);
    const opened = await this.findings.openedAt(positions);
    await this.notifications.append(opened.map((finding) => ({ sourcePosition: finding.openedBy.position, tenant: finding.tenant, kind: 'finding.opened' as const, finding })));
    await this.checkpoints.save(FINDINGS_RELAY_CHECKPOINT, checkpoint);
    return events.length;
  }

  private async pumpOperations(): Promise<number> {
    const from = await this.checkpoints.load(CHECKPOINT);
    const { events, checkpoint } = await this.store.readAll({ after: from, limit: BATCH, streamType: StreamTypes.operation });
    if (events.length === 0) return 0;
    const { notifications, jobs } = await this.translate(events);
    await this.notifications.append(notifications);
    await this.queue.request(jobs);
    await this.checkpoints.save(CHECKPOINT, checkpoint);
    return events.length;
  }

  private async translate(events: readonly StoredEvent[]) {
    const notifications: NewNotification[] = [];
    const jobs = new Map<string, HypervisorSyncJob>();
    const streams = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const e = OperationEvents.decode(event);
      if (STATUS_CHANGES.has(e.type)) {
        const operation = await this.operationAt(event, streams);
        if (operation) notifications.push({ sourcePosition: event.position, tenant: operation.tenant, kind: 'operation', operation });
        const counted = (STATUS_METRIC as Record<string, 'queued' | 'retry-requested' | 'succeeded' | 'failed' | undefined>)[e.type];
        if (operation && counted) this.metrics.operationChanged(counted, operation);
      }
      // The request that asked for the change (or the retry) rides with the job into the logs.
      const requestId = typeof event.metadata.requestId === 'string' ? event.metadata.requestId : undefined;
      const withRequest = (job: HypervisorSyncJob | undefined, next: HypervisorSyncJob): HypervisorSyncJob => ({
        ...next,
        requestIds: [...new Set([...(job?.requestIds ?? []), ...(requestId ? [requestId] : [])])],
      });
      if (e.type === T.Queued && e.data.targets.length > 0) {
        for (const t of e.data.targets) {
          const known = jobs.get(t.hypervisorId);
          jobs.set(t.hypervisorId, withRequest(known, { hypervisorId: t.hypervisorId, force: (known?.force ?? false) || e.data.force === true }));
        }
        this.logger.log({ msg: `operation ${e.data.operationId} queued for ${e.data.targets.map((t) => t.hypervisorId).join(', ')}`, operationId: e.data.operationId, requestId });
      } else if (e.type === T.RetryRequested) {
        for (const hypervisorId of e.data.hypervisorIds) jobs.set(hypervisorId, withRequest(jobs.get(hypervisorId), { hypervisorId, force: jobs.get(hypervisorId)?.force ?? false }));
        this.logger.log({ msg: `operation ${e.data.operationId}: retry queued for ${e.data.hypervisorIds.join(', ')}`, operationId: e.data.operationId, requestId });
      }
    }
    return { notifications, jobs: [...jobs.values()] };
  }

  /** The operation as it was right after `event`: what a console shows for that status change. */
  private async operationAt(event: StoredEvent, cache: Map<string, StoredEvent[]>): Promise<Operation | null> {
    let stream = cache.get(event.streamId);
    if (!stream || stream[stream.length - 1].version < event.version) {
      stream = await this.store.readStream(event.streamId);
      cache.set(event.streamId, stream);
    }
    const state = stream
      .filter((e) => e.version <= event.version)
      .reduce((s, e) => evolveOperation(s, OperationEvents.decode(e)), initialOperationState());
    return state.status === 'present' ? state.operation : null;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
