import type { DesiredState } from '@sg/protocol';
import type { AgentLogger } from '../../logger';
import type { ApplyObserver, DriverCounters } from '../../observability/agent-metrics';
import type { ApplyReport, Driver, DriverDescription, DriverProblem } from '../driver';
import type { CommandRunner } from './commands';
import { Compiled, compileState } from './compile';
import { disallowedFlows, losesAllowances } from './flows';
import { listingDifference } from './listing';
import { NamespaceKernel } from './namespace-kernel';
import type { Policy } from './policy';
import { PortInterfaces, portInterfaces } from './routes';
import { fullTransaction, planTransaction, Transaction } from './plan';

export interface NftablesSettings {
  /** The network namespace whose ruleset the agent programs; null: its own. */
  netns: string | null;
  table: string;
  interfacePrefix: string;
  /** How often the table is read back and the ports' routes looked up again; 0: never. */
  driftIntervalMs: number;
}

/** The last apply, for GET /v1/state and the figures in docs/enforcement.md. */
export interface ApplyRecord {
  revision: number;
  reason: 'push' | 'interfaces' | 'drift';
  full: boolean;
  statements: number;
  chainsWritten: number;
  setsWritten: number;
  /** Up to 20 names of what was written or deleted. */
  touched: string[];
  connectionsCut: number;
  compileMs: number;
  nftMs: number;
  totalMs: number;
  at: string;
}

interface Enforced {
  state: DesiredState;
  compiled: Compiled;
  ports: PortInterfaces;
  /** The table as listed right after it was applied; drift is any difference from it. */
  baseline: string | null;
  since: string;
}

/**
 * Enforces desired states with nftables (docs/enforcement.md): compiles each state (compile.ts),
 * applies the difference from the last one as one `nft -f` transaction (plan.ts), cuts the tracked
 * connections the new ruleset no longer allows, and every `driftIntervalMs` reads the table back
 * and looks the ports' routes up again, re-applying where either changed.
 *
 * Everything that touches the kernel runs one at a time (applies, checks and repairs queue up).
 * At start it leaves an existing table alone: the rules of the agent's previous run stay in force
 * until the first state replaces them; only where there is no table does it install the empty
 * state (every VM port denied) at once.
 */
export class NftablesDriver implements Driver {
  private current: Enforced | null = null;
  /** Replace the table whole on the next apply: nothing applied yet by this process, or the last apply failed. */
  private replaceWhole = true;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private checking = false;
  /** Pushes waiting for their turn: while there are any, reading the table back is left to the last. */
  private waiting = 0;
  private lastApply: ApplyRecord | null = null;
  private readonly drift = { checks: 0, repairs: 0, failures: 0, lastRepairAt: null as string | null, lastDifference: [] as string[] };
  private connectionsCut = 0;

  private constructor(
    private readonly settings: NftablesSettings,
    private readonly logger: AgentLogger,
    private readonly kernel: NamespaceKernel,
    private readonly observer: ApplyObserver | null,
  ) {}

  /** Checks that nft and conntrack work where the rules go; a setting that cannot work stops the agent, named. */
  static async start(settings: NftablesSettings, logger: AgentLogger, run?: CommandRunner, observer?: ApplyObserver): Promise<NftablesDriver> {
    const { kernel, tableExists } = await NamespaceKernel.open(settings.netns, settings.table, run);
    const driver = new NftablesDriver(settings, logger, kernel, observer ?? null);
    if (tableExists) {
      logger.info(`table inet ${settings.table} in ${kernel.where} stays in force until the first state replaces it`);
    } else {
      await driver.commit(fullTransaction(driver.compile(emptyState()).ruleset), 0);
      logger.info(`installed table inet ${settings.table} in ${kernel.where}: every VM port denied until the first state`);
    }
    if (settings.driftIntervalMs > 0) {
      driver.timer = setInterval(() => driver.scheduleCheck(), settings.driftIntervalMs);
      driver.timer.unref();
    }
    return driver;
  }

  apply(state: DesiredState): Promise<ApplyReport> {
    this.waiting++;
    return this.exclusive(async () => {
      this.waiting--;
      const ports = await this.lookUpPorts(state);
      return this.enforce(state, ports, 'push');
    });
  }

  describe(): DriverDescription {
    return { name: 'nftables', revision: this.current?.state.revision ?? null };
  }

  status(): unknown {
    const current = this.current;
    return {
      netns: this.settings.netns,
      table: `inet ${this.settings.table}`,
      interfaces: current ? Object.fromEntries(current.ports.interfaces) : {},
      unenforced: current?.ports.unenforced ?? [],
      lastApply: this.lastApply,
      connectionsCut: this.connectionsCut,
      drift: { intervalMs: this.settings.driftIntervalMs, ...this.drift },
    };
  }

  counters(): DriverCounters {
    return { driftChecks: this.drift.checks, driftRepairs: this.drift.repairs, driftCheckFailures: this.drift.failures, connectionsCut: this.connectionsCut };
  }

  problem(): DriverProblem | null {
    const current = this.current;
    if (!current || current.ports.unenforced.length === 0) return null;
    return { revision: current.state.revision, message: unenforcedMessage(current.ports), at: current.since };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    await this.queue;
  }

  /** Runs `task` after everything queued before it; the queue goes on whether it fails or not. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(task);
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private compile(state: DesiredState, ports: PortInterfaces = { interfaces: new Map(), unenforced: [] }): Compiled {
    return compileState(state, ports.interfaces, { table: this.settings.table, interfacePrefix: this.settings.interfacePrefix });
  }

  private async enforce(state: DesiredState, ports: PortInterfaces, reason: ApplyRecord['reason']): Promise<ApplyReport> {
    // A push is timed by the agent's state keeper, whatever the driver; the driver's own re-applies here.
    if (reason === 'push') return this.enforceNow(state, ports, reason);
    const started = performance.now();
    try {
      const report = await this.enforceNow(state, ports, reason);
      this.observer?.applied(reason, 'ok', (performance.now() - started) / 1000);
      return report;
    } catch (error) {
      this.observer?.applied(reason, 'failed', (performance.now() - started) / 1000);
      throw error;
    }
  }

  private async enforceNow(state: DesiredState, ports: PortInterfaces, reason: ApplyRecord['reason']): Promise<ApplyReport> {
    const started = performance.now();
    const compiled = this.compile(state, ports);
    const compiledAt = performance.now();
    const previous = this.current;
    const transaction = this.replaceWhole ? fullTransaction(compiled.ruleset) : planTransaction(previous?.compiled.ruleset ?? null, compiled.ruleset);
    await this.commit(transaction, state.revision);
    const committedAt = performance.now();
    this.replaceWhole = false;
    // Since when the ports stand as they do: what lastError reports for a port without a route.
    const since = previous && samePorts(previous.ports, ports) ? previous.since : new Date().toISOString();
    this.current = { state, compiled, ports, baseline: null, since };
    const warnings = ports.unenforced.map((p) => `port ${p.instanceId} is not enforced: ${p.reason}`);

    // A repair or a restart cannot know what the table allowed before: check every flow.
    const before = reason === 'drift' || previous === null ? null : previous.compiled.policy;
    let cut = 0;
    if (losesAllowances(before, compiled.policy)) {
      try {
        cut = await this.cutConnections(compiled.policy, retiredAddresses(previous?.compiled.policy ?? null, compiled.policy));
      } catch (error) {
        warnings.push(`established connections were not checked: ${messageOf(error)}`);
      }
    }
    this.connectionsCut += cut;
    this.lastApply = applyRecord(state.revision, reason, transaction, cut, { started, compiledAt, committedAt, finished: performance.now() });
    if (transaction.statements > 0 || cut > 0) {
      const what = transaction.full ? 'replaced the table' : `${transaction.statements} statements (${transaction.chainsWritten.length} chains, ${transaction.setsWritten.length} sets)`;
      this.logger.info(`revision ${state.revision} (${reason}): ${what} in ${round(committedAt - compiledAt)} ms${cut > 0 ? `, cut ${cut} connections it no longer allows` : ''}`);
    }
    for (const warning of warnings) this.logger.warn(warning);
    // The baseline is read after the answer: queued, so no check or apply runs before it is taken.
    void this.exclusive(() => this.takeBaseline());
    return { warnings };
  }

  /** One `nft -f -`; on failure nothing changed, and the next apply replaces the table whole. */
  private async commit(transaction: Transaction, revision: number): Promise<void> {
    if (transaction.statements === 0) return;
    const refused = await this.kernel.applyTransaction(transaction.text);
    if (refused === null) return;
    this.replaceWhole = true;
    throw new Error(`nft rejected the ruleset of revision ${revision}; the previous ruleset stays in force: ${refused}`);
  }

  private async lookUpPorts(state: DesiredState): Promise<PortInterfaces> {
    return portInterfaces(state.ports, await this.kernel.hostRoutes());
  }

  /**
   * Deletes the conntrack entries `policy` no longer allows, so their next packet meets the rules
   * as a new one. After the ruleset changed: no packet can track such a connection anew in between.
   */
  private async cutConnections(policy: Policy, retired: Set<string>): Promise<number> {
    const [flows, local] = await Promise.all([this.kernel.trackedFlows(), this.kernel.localAddresses()]);
    const doomed = disallowedFlows(flows, policy, { local, retired });
    await this.kernel.deleteFlows(doomed);
    return doomed.length;
  }


  /** Reading a large table back costs more than applying a change to it: skipped while another push waits, which takes its own. */
  private async takeBaseline(): Promise<void> {
    const current = this.current;
    if (current && current.baseline === null && this.waiting === 0) current.baseline = await this.kernel.listTable();
  }

  private scheduleCheck(): void {
    if (this.checking) return;
    this.checking = true;
    void this.exclusive(() => this.check())
      .catch((error: unknown) => {
        this.drift.failures++;
        this.logger.warn(`checking the table failed: ${messageOf(error)}`);
      })
      .finally(() => (this.checking = false));
  }

  /** The periodic look: ports whose route appeared, went or moved; then the table against what was applied. */
  private async check(): Promise<void> {
    const current = this.current;
    if (!current) return;
    const ports = await this.lookUpPorts(current.state);
    if (!samePorts(current.ports, ports)) {
      this.logger.info(`the routes of the ports changed (${describePorts(ports)}): applying revision ${current.state.revision} again`);
      await this.enforce(current.state, ports, 'interfaces');
      return;
    }
    if (current.baseline === null) return this.takeBaseline();
    this.drift.checks++;
    const listing = await this.kernel.listTable();
    if (listing === current.baseline) return;
    const difference = listing === null ? ['the whole table (missing)'] : listingDifference(current.baseline, listing);
    this.logger.warn(`drift: table inet ${this.settings.table} differs from revision ${current.state.revision} as applied (${difference.slice(0, 10).join(', ')}): replacing it`);
    this.replaceWhole = true;
    await this.enforce(current.state, ports, 'drift');
    this.drift.repairs++;
    this.drift.lastRepairAt = new Date().toISOString();
    this.drift.lastDifference = difference.slice(0, 20);
  }
}

function applyRecord(
  revision: number,
  reason: ApplyRecord['reason'],
  t: Transaction,
  connectionsCut: number,
  times: { started: number; compiledAt: number; committedAt: number; finished: number },
): ApplyRecord {
  return {
    revision,
    reason,
    full: t.full,
    statements: t.statements,
    chainsWritten: t.chainsWritten.length,
    setsWritten: t.setsWritten.length,
    touched: [...t.chainsWritten, ...t.setsWritten, ...t.chainsDeleted, ...t.setsDeleted].slice(0, 20),
    connectionsCut,
    compileMs: round(times.compiledAt - times.started),
    nftMs: round(times.committedAt - times.compiledAt),
    totalMs: round(times.finished - times.started),
    at: new Date().toISOString(),
  };
}

function emptyState(): DesiredState {
  return { hypervisorId: '', revision: 0, force: false, ports: [] };
}

function retiredAddresses(previous: Policy | null, next: Policy): Set<string> {
  const kept = new Set(next.ports.flatMap((p) => [p.ipv4, p.ipv6]));
  return new Set((previous?.ports ?? []).flatMap((p) => [p.ipv4, p.ipv6]).filter((a): a is string => a !== null && !kept.has(a)));
}

function samePorts(a: PortInterfaces, b: PortInterfaces): boolean {
  return describePorts(a) === describePorts(b);
}

function describePorts(p: PortInterfaces): string {
  const on = [...p.interfaces].map(([id, dev]) => `${id} on ${dev}`).sort();
  const off = p.unenforced.map((u) => `${u.instanceId} unenforced`).sort();
  return [...on, ...off].join(', ') || 'no ports';
}

function unenforcedMessage(ports: PortInterfaces): string {
  return `${ports.unenforced.length} port(s) not enforced, the others are: ${ports.unenforced.map((p) => `${p.instanceId}: ${p.reason}`).join('; ')}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
