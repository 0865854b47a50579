import * as ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { ConfigurationError, defineSetting, type Env } from '@sg/config';

/**
 * Where the worker may send an agent its credential and a hypervisor's state
 * (docs/reliability.md, "agent URLs"): an agent URL's address must be on the agent networks
 * (AGENT_NETWORKS), and is never link-local (169.254.0.0/16 and fe80::/10, where cloud metadata
 * services live), a metadata address, unspecified, multicast or broadcast. Loopback only when
 * AGENT_URL_ALLOW_LOOPBACK (the default outside production: `npm start` and the tests run agents on
 * 127.0.0.1). The URL parser has already turned decimal, octal and hex IPv4 forms
 * (`http://2130706433/`, `http://0x7f.1/`) into dotted quads, so those meet the same checks.
 * A host name is checked by what it resolves to, before every push (all its addresses).
 */
export interface AgentUrlPolicyConfig {
  networks: readonly string[];
  allowLoopback: boolean;
}

export const DEFAULT_AGENT_NETWORKS = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'];

/** Addresses no agent may have, whatever AGENT_NETWORKS says. */
const METADATA = ['169.254.169.254', 'fd00:ec2::254', '100.100.100.200'];
const NEVER = new Set(['linkLocal', 'unspecified', 'multicast', 'broadcast', 'reserved']);

export class AgentUrlPolicy {
  private readonly networks: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(
    readonly config: AgentUrlPolicyConfig,
    private readonly resolve: (host: string) => Promise<{ address: string }[]> = (host) => lookup(host, { all: true }),
  ) {
    this.networks = config.networks.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /** Why the address may not be an agent's, or null when it may. */
  addressRefusal(address: string): string | null {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ''));
    } catch {
      return `${address} is not an IP address`;
    }
    if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
    const text = parsed.toString();
    if (METADATA.some((m) => ipaddr.parse(m).toString() === text)) return `${address} is a cloud metadata address`;
    const range = parsed.range();
    if (range === 'loopback') return this.config.allowLoopback ? null : `${address} is a loopback address (allowed only with AGENT_URL_ALLOW_LOOPBACK=true, for development)`;
    if (NEVER.has(range)) return `${address} is a ${range} address`;
    const inside = this.networks.some(([net, bits]) => net.kind() === parsed.kind() && parsed.match(net, bits));
    return inside ? null : `${address} is not on the agent networks (AGENT_NETWORKS: ${this.config.networks.join(', ')})`;
  }

  /** Why the URL may not be an agent's, judged by its text alone (a host name passes: it is checked when resolved). */
  urlRefusal(agentUrl: string): string | null {
    let url: URL;
    try {
      url = new URL(agentUrl);
    } catch {
      return 'not a URL';
    }
    const host = hostOf(url);
    if (isIP(host) === 0) return host === 'localhost' || host.endsWith('.localhost') ? this.addressRefusal('127.0.0.1')?.replace('127.0.0.1', host) ?? null : null;
    return this.addressRefusal(host);
  }

  /** The URL's refusal after resolving its host name (every address it resolves to must pass). */
  async resolvedRefusal(agentUrl: string): Promise<string | null> {
    const byText = this.urlRefusal(agentUrl);
    if (byText) return byText;
    const host = hostOf(new URL(agentUrl));
    if (isIP(host) !== 0) return null;
    let addresses: { address: string }[];
    try {
      addresses = await this.resolve(host);
    } catch {
      return null; // unresolvable: the push fails as unreachable, sending nothing
    }
    for (const { address } of addresses) {
      const refusal = this.addressRefusal(address);
      if (refusal) return `${host} resolves to ${refusal.replace(/^\S+ /, `${address} `)}`;
    }
    return null;
  }
}

/** The URL's host without IPv6 brackets or a trailing dot, lower-case (the URL parser lower-cases names already). */
function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '');
}

const CONTROL_PLANE = ['api', 'worker'] as const;

export const AGENT_NETWORKS_SETTING = defineSetting({
  name: 'AGENT_NETWORKS',
  processes: CONTROL_PLANE,
  defaultText: DEFAULT_AGENT_NETWORKS.join(','),
  description: 'Comma-separated CIDRs agent URLs must be in (the management network). Link-local, metadata, multicast and unspecified addresses are refused whatever it says.',
  read: agentNetworksSetting,
});

export const AGENT_URL_ALLOW_LOOPBACK_SETTING = defineSetting({
  name: 'AGENT_URL_ALLOW_LOOPBACK',
  processes: CONTROL_PLANE,
  defaultText: 'true, except with NODE_ENV=production',
  description: 'Accept agent URLs on loopback (127.0.0.0/8, ::1, localhost): `npm start` and the tests run agents there. Production refuses them unless set to `true`.',
  read: (env: Env) => {
    const raw = env.AGENT_URL_ALLOW_LOOPBACK?.trim().toLowerCase();
    if (raw === undefined || raw === '') return env.NODE_ENV?.trim() !== 'production';
    if (raw === 'true' || raw === '1') return true;
    if (raw === 'false' || raw === '0') return false;
    throw new ConfigurationError('AGENT_URL_ALLOW_LOOPBACK', `must be true or false, got "${env.AGENT_URL_ALLOW_LOOPBACK}"`);
  },
});

function agentNetworksSetting(env: Env): string[] {
  const raw = env.AGENT_NETWORKS?.trim();
  if (!raw) return DEFAULT_AGENT_NETWORKS;
  const networks = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const cidr of networks) {
    try {
      ipaddr.parseCIDR(cidr);
    } catch {
      throw new ConfigurationError('AGENT_NETWORKS', `"${cidr}" is not a CIDR like 10.0.0.0/8`);
    }
  }
  if (networks.length === 0) throw new ConfigurationError('AGENT_NETWORKS', 'must name at least one CIDR');
  return networks;
}
