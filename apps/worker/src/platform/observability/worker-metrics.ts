import { Inject, Injectable } from '@nestjs/common';
import { type AgentErrorReason, FeedCheckpoints, HypervisorStates, StreamTypes } from '@sg/application';
import type { Operation } from '@sg/domain';
import { Counter, createRegistry, Gauge, Histogram, httpDurationHistogram, LATENCY_BUCKETS, PROPAGATION_BUCKETS, Registry } from '@sg/observability';
import { RELAY_CHECKPOINT } from '../../relay/relay-checkpoint';
import { SyncQueue } from '../queues';

/** Counting stops here: a relay this far behind is an incident, whatever the exact number. */
const LAG_COUNT_LIMIT = 100_000;
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children', 'completed', 'failed'] as const;

/**
 * The worker's Prometheus registry: what it counts as it works (pushes, operations settled,
 * propagation latency) and what it reads from Postgres and Redis when scraped (relay lag, queue
 * depth, hypervisors out of sync). Operations are counted as their status events pass the relay,
 * not by scanning rm_operations on every scrape. The readings are the same on every worker
 * replica: aggregate them with max(), the counters with sum().
 */
@Injectable()
export class WorkerMetrics {
  readonly registry: Registry = createRegistry();
  readonly http = httpDurationHistogram(this.registry);
  private readonly pushDuration = new Histogram({
    name: 'sg_agent_push_duration_seconds',
    help: 'Pushes of a desired state to an agent (PUT /v1/state), by hypervisor and outcome.',
    labelNames: ['hypervisor', 'outcome'],
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });
  private readonly pushErrors = new Counter({
    name: 'sg_agent_push_errors_total',
    help: 'Pushes an agent did not take, by hypervisor and reason (unreachable, timeout, refused: 4xx, failed: 5xx, bad-reply, stale).',
    labelNames: ['hypervisor', 'reason'],
    registers: [this.registry],
  });
  private readonly queued = new Counter({ name: 'sg_operations_queued_total', help: 'Operations accepted for propagation (and retries asked for), as the relay passes them.', registers: [this.registry] });
  private readonly finished = new Counter({ name: 'sg_operations_finished_total', help: 'Operations that reached a final status, by status (succeeded, failed).', labelNames: ['status'], registers: [this.registry] });
  private readonly latency = new Histogram({
    name: 'sg_propagation_latency_seconds',
    help: 'From a change accepted to its operation succeeded on every hypervisor it touches.',
    buckets: PROPAGATION_BUCKETS,
    registers: [this.registry],
  });
  /** Which role the relay plays now; set by the relay. */
  relayRole: () => 'leader' | 'follower' | 'paused' = () => 'paused';

  constructor(
    @Inject(FeedCheckpoints) private readonly checkpoints: FeedCheckpoints,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
    @Inject(SyncQueue) private readonly queue: SyncQueue,
  ) {
    // The operation counters exist from the start, at 0, so alerts on them see a series.
    this.finished.inc({ status: 'succeeded' }, 0);
    this.finished.inc({ status: 'failed' }, 0);
    const readings = () => this;
    new Gauge({
      name: 'sg_relay_leader',
      help: '1 while this worker\'s relay holds the leader lock (one relay moves the outbox), else 0.',
      registers: [this.registry],
      collect() {
        this.set(readings().relayRole() === 'leader' ? 1 : 0);
      },
    });
    new Gauge({
      name: 'sg_relay_lag_events',
      help: `Operation events committed but not yet relayed to the queue (counted up to ${LAG_COUNT_LIMIT}).`,
      registers: [this.registry],
      async collect() {
        const lag = await readings().relayLag();
        if (lag) this.set(lag.events);
      },
    });
    new Gauge({
      name: 'sg_relay_lag_seconds',
      help: 'Age of the oldest operation event not yet relayed; 0 when the relay is caught up.',
      registers: [this.registry],
      async collect() {
        const lag = await readings().relayLag();
        if (lag) this.set(lag.seconds);
      },
    });
    new Gauge({
      name: 'sg_queue_jobs',
      help: 'Jobs in each BullMQ queue, by state.',
      labelNames: ['queue', 'state'],
      registers: [this.registry],
      async collect() {
        const counts = await readings().queue.queue.getJobCounts(...QUEUE_STATES).catch(() => null);
        if (counts) for (const state of QUEUE_STATES) this.set({ queue: readings().queue.queue.name, state }, counts[state] ?? 0);
      },
    });
    new Gauge({
      name: 'sg_hypervisors_out_of_sync',
      help: 'Registered hypervisors whose agent has not applied their latest desired revision.',
      registers: [this.registry],
      async collect() {
        const rows = await readings().revisions();
        if (rows) this.set(rows.filter((r) => r.lag > 0).length);
      },
    });
    new Gauge({
      name: 'sg_hypervisor_revision_lag',
      help: 'Desired minus applied revision of each hypervisor (0: in sync).',
      labelNames: ['hypervisor'],
      registers: [this.registry],
      async collect() {
        const rows = await readings().revisions();
        if (!rows) return;
        this.reset();
        for (const r of rows) this.set({ hypervisor: r.hypervisor }, r.lag);
      },
    });
  }

  /** A push to an agent ended: `error` when it did not take the state. */
  pushed(hypervisorId: string, seconds: number, error?: { reason: AgentErrorReason }): void {
    this.pushDuration.observe({ hypervisor: hypervisorId, outcome: error ? 'error' : 'ok' }, seconds);
    if (error) this.pushErrors.inc({ hypervisor: hypervisorId, reason: error.reason });
  }

  /** The relay passed an operation's status change (once per event, in commit order). */
  operationChanged(type: 'queued' | 'retry-requested' | 'succeeded' | 'failed', operation: Operation): void {
    if (type === 'queued' || type === 'retry-requested') {
      this.queued.inc();
      return;
    }
    this.finished.inc({ status: type });
    // An operation that reaches no hypervisor succeeds as it is accepted: no propagation to time.
    if (type === 'succeeded' && operation.targets.length > 0 && operation.finishedAt) {
      this.latency.observe(Math.max(0, (Date.parse(operation.finishedAt) - Date.parse(operation.createdAt)) / 1000));
    }
  }

  private lagReading: Promise<{ events: number; seconds: number } | null> | null = null;
  private revisionsReading: Promise<{ hypervisor: string; lag: number }[] | null> | null = null;

  /** Read once per scrape, however many gauges ask. */
  private relayLag(): Promise<{ events: number; seconds: number } | null> {
    this.lagReading ??= this.checkpoints
      .lag(RELAY_CHECKPOINT, StreamTypes.operation, LAG_COUNT_LIMIT)
      .catch(() => null)
      .finally(() => setImmediate(() => (this.lagReading = null)));
    return this.lagReading;
  }

  private revisions(): Promise<{ hypervisor: string; lag: number }[] | null> {
    this.revisionsReading ??= this.states
      .revisionLags()
      .then((lags) => lags.map(({ hypervisorId, lag }) => ({ hypervisor: hypervisorId, lag })))
      .catch(() => null)
      .finally(() => setImmediate(() => (this.revisionsReading = null)));
    return this.revisionsReading;
  }
}
