import { ConfigurationError } from '@sg/config';
import type { DesiredState } from '@sg/protocol';
import type { AgentLogger } from '../../logger';
import type { ApplyReport, Driver, DriverDescription, DriverProblem } from '../driver';
import { CommandRunner, namespacedRunner } from './commands';
import { Compiled, compileState } from './compile';
import { deleteArguments, disallowedFlows, losesAllowances, parseConntrack } from './flows';
import { canonicalListing, listingDifference } from './listing';
import type { Policy } from './policy';
import { hostRoutes, localAddresses, PortInterfaces, portInterfaces } from './routes';
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

const CUT_CONCURRENCY = 4;
const MAX_ERROR = 4_000;

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
    private readonly run: CommandRunner,
  ) {}

  /** Checks that nft and conntrack work where the rules go; a setting that cannot work stops the agent, named. */
  static async start(settings: NftablesSettings, logger: AgentLogger, run: CommandRunner = namespacedRunner(settings.netns)): Promise<NftablesDriver> {
    if (settings.netns !== null) {
      const probe = await namespacedRunner(null)(['ip', 'netns', 'exec', settings.netns, 'true']);
      if (probe.code !== 0) throw new ConfigurationError('AGENT_NETNS', `cannot enter network namespace "${settings.netns}": ${firstLine(probe.stderr)} (see ip netns list)`);
    }
    const tables = await run(['nft', 'list', 'tables']);
    if (tables.code !== 0) throw new ConfigurationError('AGENT_DRIVER', `the nftables driver needs nft, run as root: ${firstLine(tables.stderr)}`);
    // Only that it is there: on a kernel with conntrack as a module, the table's first `ct` rule loads it.
    const conntrack = await run(['conntrack', '--version']);
    if (conntrack.code !== 0) throw new ConfigurationError('AGENT_DRIVER', `the nftables driver cuts connections with conntrack, which is missing: ${firstLine(conntrack.stderr)} (apt-get install conntrack)`);
    const driver = new NftablesDriver(settings, logger, run);
    const where = settings.netns === null ? 'this network namespace' : `network namespace ${settings.netns}`;
    if (tables.stdout.split('\n').some((line) => line.trim() === `table inet ${settings.table}`)) {
      logger.info(`table inet ${settings.table} in ${where} stays in force until the first state replaces it`);
    } else {
      await driver.commit(fullTransaction(driver.compile(emptyState()).ruleset), 0);
      logger.info(`installed table inet ${settings.table} in ${where}: every VM port denied until the first state`);
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
    const started = performance.now();
    const compiled = this.compile(state, ports);
    const compiledAt = performance.now();
    const previous = this.current;
    const transaction = this.replaceWhole ? fullTransaction(compiled.ruleset) : planTransaction(previous?.compiled.ruleset ?? null, compiled.ruleset);
    await this.commit(transaction, state.revision);
    const committedAt = performance.now();
    this.replaceWhole = false;
    const changedPorts = previous === null || !samePorts(previous.ports, ports);
    this.current = { state, compiled, ports, baseline: null, since: changedPorts || !previous ? new Date().toISOString() : previous.since };
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
    const finished = performance.now();
    this.lastApply = {
      revision: state.revision,
      reason,
      full: transaction.full,
      statements: transaction.statements,
      chainsWritten: transaction.chainsWritten.length,
      setsWritten: transaction.setsWritten.length,
      touched: [...transaction.chainsWritten, ...transaction.setsWritten, ...transaction.chainsDeleted, ...transaction.setsDeleted].slice(0, 20),
      connectionsCut: cut,
      compileMs: round(compiledAt - started),
      nftMs: round(committedAt - compiledAt),
      totalMs: round(finished - started),
      at: new Date().toISOString(),
    };
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
    const result = await this.run(['nft', '-f', '-'], transaction.text);
    if (result.code === 0) return;
    this.replaceWhole = true;
    const said = (result.stderr || result.stdout).trim().slice(0, MAX_ERROR);
    throw new Error(`nft rejected the ruleset of revision ${revision}; the previous ruleset stays in force: ${said || `exit code ${result.code}`}`);
  }

  private async lookUpPorts(state: DesiredState): Promise<PortInterfaces> {
    const [v4, v6] = await Promise.all([this.json(['ip', '-j', '-4', 'route', 'show', 'table', 'main']), this.json(['ip', '-j', '-6', 'route', 'show', 'table', 'main'])]);
    return portInterfaces(state.ports, new Map([...hostRoutes(v4), ...hostRoutes(v6)]));
  }

  private async json(argv: string[]): Promise<unknown> {
    const result = await this.run(argv);
    if (result.code !== 0) throw new Error(`${argv.join(' ')} failed: ${firstLine(result.stderr)}`);
    return JSON.parse(result.stdout || '[]');
  }

  /** Deletes the conntrack entries `policy` no longer allows, so their next packet meets the rules as a new one. */
  private async cutConnections(policy: Policy, retired: Set<string>): Promise<number> {
    const listed = await this.run(['conntrack', '-L', '-o', 'extended']);
    if (listed.code !== 0) throw new Error(`conntrack -L failed: ${firstLine(listed.stderr)}`);
    const local = localAddresses(await this.json(['ip', '-j', 'address', 'show']));
    const doomed = disallowedFlows(parseConntrack(listed.stdout), policy, { local, retired });
    for (let i = 0; i < doomed.length; i += CUT_CONCURRENCY) {
      // An entry that expired meanwhile makes conntrack -D exit 1; that is as good as deleted.
      await Promise.all(doomed.slice(i, i + CUT_CONCURRENCY).map((flow) => this.run(['conntrack', ...deleteArguments(flow)])));
    }
    return doomed.length;
  }

  private async listTable(): Promise<string | null> {
    const result = await this.run(['nft', '-j', 'list', 'table', 'inet', this.settings.table]);
    return result.code === 0 ? canonicalListing(result.stdout) : null;
  }

  /** Reading a large table back costs more than applying a change to it: skipped while another push waits, which takes its own. */
  private async takeBaseline(): Promise<void> {
    const current = this.current;
    if (current && current.baseline === null && this.waiting === 0) current.baseline = await this.listTable();
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
    const listing = await this.listTable();
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

function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no message';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
