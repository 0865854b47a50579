import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { evolveOperation, initialOperationState, Operation, OperationEvent, OperationEventTypes as T } from '@sg/domain';
import {
  AppConfig,
  EventStore,
  EVENTS_APPENDED_CHANNEL,
  FeedCheckpoint,
  HypervisorSyncJob,
  insertNotifications,
  PostgresCheckpointStore,
  StoredEvent,
  StreamTypes,
} from '@sg/infra';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { WorkerMetrics } from '../platform/observability/worker-metrics';
import { SyncQueue } from '../platform/queues';
import { WORKER_CONFIG } from '../platform/worker-config';

const CHECKPOINT = 'propagation-relay';
const LEADER_LOCK = 0x53470002;
const BATCH = 500;
const STATUS_CHANGES = new Set<string>([T.Queued, T.Started, T.Succeeded, T.Failed, T.RetryRequested]);
/** The status changes the metrics count (sg_operations_*), by event type. */
const STATUS_METRIC = { [T.Queued]: 'queued', [T.Succeeded]: 'succeeded', [T.Failed]: 'failed', [T.RetryRequested]: 'retry-requested' } as const;

/**
 * The events table is the outbox (DESIGN.md "Propagation"). The relay reads it in commit order
 * from its checkpoint, writes a notification per operation status change, adds the sync jobs,
 * and moves the checkpoint only after Redis has them: a crash in between re-sends (notifications
 * are unique per event, jobs deduplicate per hypervisor) rather than loses. One relay leads
 * (an advisory lock), so notification ids grow in commit order.
 */
@Injectable()
export class EventRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('relay');
  private readonly checkpoints: PostgresCheckpointStore;
  private client: Client | null = null;
  private leader = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private lastProblem = '';

  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SyncQueue) private readonly queue: SyncQueue,
    @Inject(WORKER_CONFIG) private readonly config: AppConfig,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
  ) {
    this.checkpoints = new PostgresCheckpointStore(db);
    metrics.relayRole = () => this.role;
  }

  /** Leader (it moves the outbox), follower (another worker does), or paused by a failure. */
  get role(): 'leader' | 'follower' | 'paused' {
    return this.lastProblem || !this.client ? 'paused' : this.leader ? 'leader' : 'follower';
  }

  onApplicationBootstrap(): void {
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.wake?.();
    await this.loop;
    await this.client?.end().catch(() => undefined);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        await this.connect();
        if (!this.leader) {
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
        await this.disconnect();
        await this.sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  }

  /** A dedicated connection holds the leader lock (released if this process dies) and LISTENs. */
  private async connect(): Promise<void> {
    if (this.client) {
      if (!this.leader) this.leader = await this.tryLock();
      return;
    }
    const client = new Client({ connectionString: this.config.database.url, application_name: 'security-groups-relay' });
    client.on('error', () => {
      if (this.client === client) void this.disconnect();
    });
    client.on('notification', () => this.wake?.());
    await client.connect();
    this.client = client;
    await client.query(`LISTEN ${EVENTS_APPENDED_CHANNEL}`);
    this.leader = await this.tryLock();
  }

  private async tryLock(): Promise<boolean> {
    const [row] = (await this.client!.query(`SELECT pg_try_advisory_lock($1) AS ok`, [LEADER_LOCK])).rows;
    return row.ok === true;
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.leader = false;
    await client?.end().catch(() => undefined);
  }

  /** One batch: returns how many events it moved past. */
  private async pump(): Promise<number> {
    const from = await this.checkpoints.load(CHECKPOINT);
    const { events, checkpoint } = await this.store.readAll({ after: from, limit: BATCH, streamType: StreamTypes.operation });
    if (events.length === 0) return 0;
    const { notifications, jobs } = await this.translate(events);
    await insertNotifications(this.db.manager, notifications);
    await this.queue.request(jobs);
    await this.checkpoints.save(CHECKPOINT, checkpoint as FeedCheckpoint);
    return events.length;
  }

  private async translate(events: readonly StoredEvent[]) {
    const notifications: { sourcePosition: string; tenant: string; operation: Operation }[] = [];
    const jobs = new Map<string, HypervisorSyncJob>();
    const streams = new Map<string, StoredEvent[]>();
    for (const event of events) {
      const e = { type: event.type, data: event.data } as OperationEvent;
      if (STATUS_CHANGES.has(e.type)) {
        const operation = await this.operationAt(event, streams);
        if (operation) notifications.push({ sourcePosition: event.position, tenant: operation.tenant, operation });
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
      .reduce((s, e) => evolveOperation(s, { type: e.type, data: e.data } as OperationEvent), initialOperationState());
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
