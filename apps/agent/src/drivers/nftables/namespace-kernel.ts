import { ConfigurationError } from '@sg/config';
import { CommandRunner, namespacedRunner } from './commands';
import { deleteArguments, Flow, parseConntrack } from './flows';
import { canonicalListing } from './listing';
import { hostRoutes, localAddresses } from './routes';

const CUT_CONCURRENCY = 4;
const MAX_ERROR = 4_000;

/**
 * What the driver asks of the kernel of the namespace it programs, through `nft`, `ip` and
 * `conntrack` (run with `ip netns exec` when the namespace is not the agent's own). Reads come
 * back parsed; the decisions stay in the driver and the pure modules.
 */
export class NamespaceKernel {
  private constructor(
    readonly netns: string | null,
    readonly table: string,
    private readonly run: CommandRunner,
  ) {}

  /** Checks that the namespace exists and nft and conntrack are there; what cannot work stops the agent, naming the setting. */
  static async open(netns: string | null, table: string, run: CommandRunner = namespacedRunner(netns)): Promise<{ kernel: NamespaceKernel; tableExists: boolean }> {
    if (netns !== null) {
      const probe = await namespacedRunner(null)(['ip', 'netns', 'exec', netns, 'true']);
      if (probe.code !== 0) throw new ConfigurationError('AGENT_NETNS', `cannot enter network namespace "${netns}": ${firstLine(probe.stderr)} (see ip netns list)`);
    }
    const tables = await run(['nft', 'list', 'tables']);
    if (tables.code !== 0) throw new ConfigurationError('AGENT_DRIVER', `the nftables driver needs nft, run as root: ${firstLine(tables.stderr)}`);
    // Only that it is there: on a kernel with conntrack as a module, the table's first `ct` rule loads it.
    const conntrack = await run(['conntrack', '--version']);
    if (conntrack.code !== 0) throw new ConfigurationError('AGENT_DRIVER', `the nftables driver cuts connections with conntrack, which is missing: ${firstLine(conntrack.stderr)} (apt-get install conntrack)`);
    const tableExists = tables.stdout.split('\n').some((line) => line.trim() === `table inet ${table}`);
    return { kernel: new NamespaceKernel(netns, table, run), tableExists };
  }

  get where(): string {
    return this.netns === null ? 'this network namespace' : `network namespace ${this.netns}`;
  }

  /** `nft -f -`: one transaction. Resolves with nft's complaint when it refused it (nothing changed then). */
  async applyTransaction(text: string): Promise<string | null> {
    const result = await this.run(['nft', '-f', '-'], text);
    if (result.code === 0) return null;
    return (result.stderr || result.stdout).trim().slice(0, MAX_ERROR) || `exit code ${result.code}`;
  }

  /** The table as `canonicalListing` puts it; null when there is no such table. */
  async listTable(): Promise<string | null> {
    const result = await this.run(['nft', '-j', 'list', 'table', 'inet', this.table]);
    return result.code === 0 ? canonicalListing(result.stdout) : null;
  }

  /** Host routes of both families, address → interface. */
  async hostRoutes(): Promise<Map<string, string>> {
    const [v4, v6] = await Promise.all([this.json(['ip', '-j', '-4', 'route', 'show', 'table', 'main']), this.json(['ip', '-j', '-6', 'route', 'show', 'table', 'main'])]);
    return new Map([...hostRoutes(v4), ...hostRoutes(v6)]);
  }

  async localAddresses(): Promise<Set<string>> {
    return localAddresses(await this.json(['ip', '-j', 'address', 'show']));
  }

  async trackedFlows(): Promise<Flow[]> {
    const listed = await this.run(['conntrack', '-L', '-o', 'extended']);
    if (listed.code !== 0) throw new Error(`conntrack -L failed: ${firstLine(listed.stderr)}`);
    return parseConntrack(listed.stdout);
  }

  /** One `conntrack -D` per flow, a few at a time. An entry that expired meanwhile makes it exit 1: as good as deleted. */
  async deleteFlows(flows: readonly Flow[]): Promise<void> {
    for (let i = 0; i < flows.length; i += CUT_CONCURRENCY) {
      await Promise.all(flows.slice(i, i + CUT_CONCURRENCY).map((flow) => this.run(['conntrack', ...deleteArguments(flow)])));
    }
  }

  private async json(argv: string[]): Promise<unknown> {
    const result = await this.run(argv);
    if (result.code !== 0) throw new Error(`${argv.join(' ')} failed: ${firstLine(result.stderr)}`);
    return JSON.parse(result.stdout || '[]');
  }
}

export function firstLine(text: string): string {
  return text.trim().split('\n')[0] || 'no message';
}
