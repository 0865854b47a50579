import type { StatePort } from '@sg/protocol';

/** A port the agent cannot enforce, and why: shown in GET /v1/state and in lastError. */
export interface UnenforcedPort {
  instanceId: string;
  reason: string;
}

export interface PortInterfaces {
  /** instanceId → the interface its traffic uses. */
  interfaces: Map<string, string>;
  unenforced: UnenforcedPort[];
}

// What Linux allows in an interface name that nft can also take inside quotes.
const IFNAME = /^[A-Za-z0-9_.@-]{1,15}$/;

/**
 * The host routes of `ip -j route show` (main table, one family), address → interface. In a routed
 * hypervisor every VM port has one (`10.77.0.11 dev tap1`, `fd77::11 dev tap1`); wider routes and
 * routes through a gateway say nothing about which port an address is behind.
 */
export function hostRoutes(routes: unknown): Map<string, string> {
  const found = new Map<string, string>();
  if (!Array.isArray(routes)) return found;
  for (const route of routes as Record<string, unknown>[]) {
    const { dst, dev, gateway, type } = route;
    if (typeof dst !== 'string' || typeof dev !== 'string' || gateway !== undefined) continue;
    if (type !== undefined && type !== 'unicast') continue;
    const address = dst.replace(/\/(32|128)$/, '');
    if (address.includes('/') || found.has(address)) continue;
    found.set(address, dev);
  }
  return found;
}

/**
 * Each port's interface: the one its IPv4 address is routed through, else its IPv6 address's. A
 * port with no such route, routed through two interfaces, or through one another port already
 * has, is reported and left out; the others are enforced all the same.
 */
export function portInterfaces(ports: readonly StatePort[], routes: ReadonlyMap<string, string>): PortInterfaces {
  const interfaces = new Map<string, string>();
  const owner = new Map<string, string>();
  const unenforced: UnenforcedPort[] = [];
  for (const port of ports) {
    const v4 = port.ipv4 === null ? undefined : routes.get(port.ipv4);
    const v6 = port.ipv6 === null ? undefined : routes.get(port.ipv6);
    const addresses = [port.ipv4, port.ipv6].filter((a) => a !== null).join(' and ');
    const reason = (() => {
      if (!addresses) return 'has no address';
      if (v4 === undefined && v6 === undefined) return `no host route to ${addresses} on this hypervisor`;
      if (v4 !== undefined && v6 !== undefined && v4 !== v6) return `${port.ipv4} is routed through ${v4} but ${port.ipv6} through ${v6}`;
      const dev = (v4 ?? v6)!;
      if (!IFNAME.test(dev)) return `its interface name ${JSON.stringify(dev)} cannot be used in a ruleset`;
      if (owner.has(dev)) return `its interface ${dev} already carries port ${owner.get(dev)}`;
      return undefined;
    })();
    if (reason) {
      unenforced.push({ instanceId: port.instanceId, reason });
      continue;
    }
    const dev = (v4 ?? v6)!;
    interfaces.set(port.instanceId, dev);
    owner.set(dev, port.instanceId);
  }
  return { interfaces, unenforced };
}

/** The addresses of the namespace's own interfaces (`ip -j addr show`): the hypervisor's side of any flow. */
export function localAddresses(links: unknown): Set<string> {
  const found = new Set<string>();
  if (!Array.isArray(links)) return found;
  for (const link of links as { addr_info?: { local?: unknown }[] }[]) {
    for (const info of link.addr_info ?? []) if (typeof info.local === 'string') found.add(info.local);
  }
  return found;
}
