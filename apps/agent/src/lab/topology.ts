import { namespacedRunner } from '../drivers/nftables/commands';

/**
 * A routed hypervisor in network namespaces (docs/enforcement.md, "Topology"): one namespace for
 * the hypervisor, one per VM, each VM on a veth pair whose hypervisor end is its port (`tap1`, …).
 * The hypervisor has a host route per VM address and forwards between them; each VM routes
 * everything through the hypervisor (169.254.1.1 and fe80::1), so VMs reach each other only
 * through the hypervisor, where the rules are. Used by `npm run lab` and the enforcement tests.
 */
export interface Topology {
  hypervisor: string;
  vms: VmSpec[];
}

export interface VmSpec {
  /** The VM's namespace. */
  namespace: string;
  /** Its port: the veth end in the hypervisor namespace. */
  tap: string;
  ipv4: string;
  ipv6: string;
}

export const GATEWAY4 = '169.254.1.1';
export const GATEWAY6 = 'fe80::1';

/** `prefix-hv` and `prefix-vm1` … `prefix-vmN` with 10.77.0.11…, fd77::11…: the lab's layout. */
export function labTopology(prefix: string, vmCount = 3): Topology {
  return {
    hypervisor: `${prefix}-hv`,
    vms: Array.from({ length: vmCount }, (_, i) => ({ namespace: `${prefix}-vm${i + 1}`, tap: `tap${i + 1}`, ipv4: `10.77.0.${11 + i}`, ipv6: `fd77::${11 + i}` })),
  };
}

const sh = namespacedRunner(null);

async function ip(...args: string[]): Promise<string> {
  const result = await sh(['ip', ...args]);
  if (result.code !== 0) throw new Error(`ip ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

export async function namespaces(): Promise<string[]> {
  const listed = await ip('-j', 'netns', 'list');
  return (JSON.parse(listed.trim() || '[]') as { name: string }[]).map((n) => n.name);
}

/** Creates whatever is missing and sets what is there; a second call changes nothing. */
export async function createTopology(topology: Topology): Promise<void> {
  const existing = new Set(await namespaces());
  const hv = topology.hypervisor;
  if (!existing.has(hv)) await ip('netns', 'add', hv);
  await ip('-n', hv, 'link', 'set', 'lo', 'up');
  await sysctl(hv, 'net.ipv4.ip_forward=1', 'net.ipv6.conf.all.forwarding=1');
  // The VMs' IPv4 gateway: an address of the hypervisor itself, so it answers their ARP on every port.
  await ip('-n', hv, 'address', 'replace', `${GATEWAY4}/32`, 'dev', 'lo');
  for (const vm of topology.vms) {
    if (!existing.has(vm.namespace)) await ip('netns', 'add', vm.namespace);
    await ip('-n', vm.namespace, 'link', 'set', 'lo', 'up');
    const links = await ip('-n', hv, '-j', 'link', 'show');
    if (!(JSON.parse(links) as { ifname: string }[]).some((l) => l.ifname === vm.tap)) {
      await ip('link', 'add', vm.tap, 'netns', hv, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', vm.namespace);
    }
    await ip('-n', hv, 'link', 'set', vm.tap, 'up');
    await ip('-n', vm.namespace, 'link', 'set', 'eth0', 'up');
    await ip('-n', hv, 'address', 'replace', `${GATEWAY6}/64`, 'dev', vm.tap, 'nodad');
    await ip('-n', vm.namespace, 'address', 'replace', `${vm.ipv4}/32`, 'dev', 'eth0');
    await ip('-n', vm.namespace, 'address', 'replace', `${vm.ipv6}/128`, 'dev', 'eth0', 'nodad');
    await ip('-n', vm.namespace, 'route', 'replace', GATEWAY4, 'dev', 'eth0', 'scope', 'link');
    await ip('-n', vm.namespace, 'route', 'replace', 'default', 'via', GATEWAY4, 'dev', 'eth0');
    await ip('-n', vm.namespace, '-6', 'route', 'replace', 'default', 'via', GATEWAY6, 'dev', 'eth0');
    await ip('-n', hv, 'route', 'replace', `${vm.ipv4}/32`, 'dev', vm.tap);
    await ip('-n', hv, '-6', 'route', 'replace', `${vm.ipv6}/128`, 'dev', vm.tap);
  }
}

/**
 * Stops every process inside the namespaces, then deletes them: their veths, routes, nft tables
 * and conntrack entries go with them. Missing ones are skipped.
 */
export async function destroyTopology(topology: Topology): Promise<void> {
  const existing = new Set(await namespaces());
  const all = [topology.hypervisor, ...topology.vms.map((v) => v.namespace)].filter((n) => existing.has(n));
  for (const name of all) await killNamespaceProcesses(name);
  for (const name of all) await ip('netns', 'delete', name);
}

/** SIGTERM to every process whose network namespace is `name`, then SIGKILL to those still there. */
export async function killNamespaceProcesses(name: string): Promise<void> {
  const pids = async () => (await ip('netns', 'pids', name)).split('\n').map(Number).filter((pid) => Number.isInteger(pid) && pid > 0);
  const signal = (pid: number, sig: NodeJS.Signals) => {
    try {
      process.kill(pid, sig);
    } catch {
      // already gone
    }
  };
  for (const pid of await pids()) signal(pid, 'SIGTERM');
  for (let i = 0; i < 20 && (await pids()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  for (const pid of await pids()) signal(pid, 'SIGKILL');
}

async function sysctl(netns: string, ...settings: string[]): Promise<void> {
  const result = await sh(['ip', 'netns', 'exec', netns, 'sysctl', '-qw', ...settings]);
  if (result.code !== 0) throw new Error(`sysctl ${settings.join(' ')} in ${netns} failed: ${result.stderr.trim()}`);
}
