import { Counter, createRegistry, Gauge, Histogram, httpDurationHistogram, LATENCY_BUCKETS, Registry } from '@sg/observability';
import type { DesiredState } from '@sg/protocol';

/** Why a ruleset was applied: a push from the worker, or the nftables driver's own repairs. */
export type ApplyReason = 'push' | 'interfaces' | 'drift';

/** What the drivers tell the metrics; the nftables driver reports its own re-applies through it. */
export interface ApplyObserver {
  applied(reason: ApplyReason, outcome: 'ok' | 'failed', seconds: number): void;
}

/** How a push ended, as `sg_agent_pushes_total{outcome}` counts it. */
export type PushOutcomeLabel = 'applied' | 'unchanged' | 'failed' | 'unauthorized' | 'invalid' | 'wrong_hypervisor';

/** The driver's own counters (nftables: drift checks and repairs, connections cut), read at each scrape. */
export interface DriverCounters {
  driftChecks: number;
  driftRepairs: number;
  driftCheckFailures: number;
  connectionsCut: number;
}

export interface AgentMetricsSources {
  appliedState(): DesiredState | null;
  driverCounters(): DriverCounters;
}

/**
 * The agent's `/metrics`: its process, its HTTP requests, the pushes it took, how long applying
 * took, how large what it enforces is, and the nftables driver's drift checks and repairs. Every
 * series carries `hypervisor`, so a dashboard needs no relabelling to tell agents apart.
 */
export class AgentMetrics implements ApplyObserver {
  readonly registry: Registry;
  readonly http: Histogram<'method' | 'route' | 'status'>;
  private readonly pushes: Counter<'outcome'>;
  private readonly applyDuration: Histogram<'reason' | 'outcome'>;
  private sources: AgentMetricsSources | null = null;

  constructor(hypervisorId: string) {
    const registry = (this.registry = createRegistry({ hypervisor: hypervisorId }));
    this.http = httpDurationHistogram(registry);
    this.pushes = new Counter({ name: 'sg_agent_pushes_total', help: 'Pushes (PUT /v1/state) received, by how they ended.', labelNames: ['outcome'], registers: [registry] });
    this.applyDuration = new Histogram({
      name: 'sg_agent_apply_duration_seconds',
      help: 'Time the driver took to apply a ruleset, by why (push, drift, interfaces) and outcome.',
      labelNames: ['reason', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers: [registry],
    });
    const sources = () => this.sources;
    new Gauge({
      name: 'sg_agent_applied_revision',
      help: 'The revision of the state the agent enforces (0 before the first).',
      registers: [registry],
      collect() {
        this.set(sources()?.appliedState()?.revision ?? 0);
      },
    });
    new Gauge({
      name: 'sg_agent_ruleset_size',
      help: 'Size of the state enforced: ports, distinct security groups, and their rules.',
      labelNames: ['kind'],
      registers: [registry],
      collect() {
        const size = rulesetSize(sources()?.appliedState() ?? null);
        for (const [kind, value] of Object.entries(size)) this.set({ kind }, value);
      },
    });
    const counter = (name: string, help: string, read: (c: DriverCounters) => number) =>
      new Counter({
        name,
        help,
        registers: [registry],
        collect() {
          // The driver keeps the count; the counter shows it (it only grows while the process lives).
          this.reset();
          this.inc(read(sources()?.driverCounters() ?? NO_COUNTS));
        },
      });
    counter('sg_agent_drift_checks_total', 'Times the nftables driver read its table back to compare it with what it applied.', (c) => c.driftChecks);
    counter('sg_agent_drift_repairs_total', 'Times the table had drifted and was replaced with the applied ruleset.', (c) => c.driftRepairs);
    counter('sg_agent_drift_check_failures_total', 'Drift checks that failed (nft could not list the table).', (c) => c.driftCheckFailures);
    counter('sg_agent_connections_cut_total', 'Tracked connections deleted because a new ruleset no longer allowed them.', (c) => c.connectionsCut);
  }

  /** Where the gauges read from, once the keeper and the driver exist. */
  attach(sources: AgentMetricsSources): void {
    this.sources = sources;
  }

  applied(reason: ApplyReason, outcome: 'ok' | 'failed', seconds: number): void {
    this.applyDuration.observe({ reason, outcome }, seconds);
  }

  pushed(outcome: PushOutcomeLabel): void {
    this.pushes.inc({ outcome });
  }
}

const NO_COUNTS: DriverCounters = { driftChecks: 0, driftRepairs: 0, driftCheckFailures: 0, connectionsCut: 0 };

/** Ports, distinct groups, and the rules of those groups (a group's rules are the same on every port it applies to). */
export function rulesetSize(state: DesiredState | null): { ports: number; groups: number; rules: number } {
  const groups = new Map<string, number>();
  for (const port of state?.ports ?? []) for (const g of port.groups) groups.set(g.groupId, g.rules.length);
  return { ports: state?.ports.length ?? 0, groups: groups.size, rules: [...groups.values()].reduce((a, b) => a + b, 0) };
}
