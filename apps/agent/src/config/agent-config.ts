import { isIP } from 'node:net';
import { boolSetting, ConfigurationError, Env, intSetting, stringSetting, urlSetting } from '@sg/config';
import { agentTokenSetting } from '@sg/protocol';
import type { NftablesSettings } from '../drivers/nftables/nftables.driver';

export const DRIVER_NAMES = ['memory', 'nftables'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Every setting of the agent, read and validated once at start-up (docs/agent-protocol.md). */
export interface AgentConfig {
  hypervisorId: string;
  http: { host: string; port: number };
  driver: DriverName;
  /** What the control plane should call; undefined: the address the agent ends up listening on. */
  agentUrl: string | undefined;
  controlPlane: { url: string; apiKey: string; register: boolean };
  /** What the worker must show to push a state (AGENT_TOKEN). */
  token: string;
  /** No AGENT_TOKEN was given: the development token is in use. */
  developmentToken: boolean;
  /** The nftables driver's settings (read whatever the driver, so a typo never waits for a switch). */
  nftables: NftablesSettings;
}

/** The shape the API accepts for hypervisor ids, so the agent never registers under a name it refuses. */
const HYPERVISOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const WILDCARDS = new Set(['0.0.0.0', '::']);

export function loadAgentConfig(env: Env): AgentConfig {
  const host = stringSetting(env, 'AGENT_HOST', '127.0.0.1');
  if (isIP(host) === 0 && !HOSTNAME.test(host)) throw new ConfigurationError('AGENT_HOST', `must be an IP address or a host name, got "${host}"`);
  const port = intSetting(env, 'AGENT_PORT', 7001, { min: 0, max: 65535 });
  const explicitUrl = env.AGENT_URL?.trim() ? agentUrlSetting(env) : undefined;
  if (explicitUrl === undefined && WILDCARDS.has(host)) {
    throw new ConfigurationError('AGENT_URL', `must be set when AGENT_HOST is ${host}: the control plane cannot reach a wildcard address`);
  }
  const { token, isDevelopmentDefault } = agentTokenSetting(env);
  return {
    token,
    developmentToken: isDevelopmentDefault,
    hypervisorId: hypervisorIdSetting(env),
    http: { host, port },
    driver: driverSetting(env),
    agentUrl: explicitUrl && withoutTrailingSlash(explicitUrl),
    controlPlane: {
      url: withoutTrailingSlash(urlSetting(env, 'API_URL', 'http://127.0.0.1:3000', ['http', 'https'])),
      apiKey: apiKeySetting(env),
      register: boolSetting(env, 'AGENT_REGISTER', true),
    },
    nftables: nftablesSettings(env),
  };
}

const NETNS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const TABLE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const INTERFACE_PREFIX = /^[A-Za-z0-9_.-]{1,14}$/;

function nftablesSettings(env: Env): NftablesSettings {
  const netns = env.AGENT_NETNS?.trim() || null;
  if (netns !== null && !NETNS.test(netns)) throw new ConfigurationError('AGENT_NETNS', `must be a network namespace name (letters, digits, ".", "_", "-"), got "${netns}"`);
  const table = stringSetting(env, 'AGENT_NFT_TABLE', 'sg_agent');
  if (!TABLE.test(table)) throw new ConfigurationError('AGENT_NFT_TABLE', `must be 1–32 letters, digits or "_", starting with a letter; got "${table}"`);
  const interfacePrefix = stringSetting(env, 'AGENT_INTERFACE_PREFIX', 'tap');
  if (!INTERFACE_PREFIX.test(interfacePrefix)) throw new ConfigurationError('AGENT_INTERFACE_PREFIX', `must be 1–14 letters, digits, ".", "_" or "-" (the start of every VM port's interface name); got "${interfacePrefix}"`);
  const driftIntervalMs = intSetting(env, 'AGENT_DRIFT_INTERVAL_MS', 10_000, { min: 0, max: 3_600_000 });
  if (driftIntervalMs > 0 && driftIntervalMs < 100) throw new ConfigurationError('AGENT_DRIFT_INTERVAL_MS', `must be 0 (no checks) or at least 100, got ${driftIntervalMs}`);
  return { netns, table, interfacePrefix, driftIntervalMs };
}

/** The API refuses these parts in an agent URL; refusing them here turns endless failed registrations into one clear message. */
function agentUrlSetting(env: Env): string {
  const raw = urlSetting(env, 'AGENT_URL', '', ['http', 'https']);
  const url = new URL(raw);
  if (url.username || url.password || url.search || url.hash) throw new ConfigurationError('AGENT_URL', 'must not carry credentials, a query or a fragment');
  return raw;
}

function hypervisorIdSetting(env: Env): string {
  const id = stringSetting(env, 'AGENT_ID', 'hv-1');
  if (!HYPERVISOR_ID.test(id)) throw new ConfigurationError('AGENT_ID', `must be 1–63 letters, digits, ".", "_" or "-", starting with a letter or digit, like hv-1; got "${id}"`);
  return id;
}

function driverSetting(env: Env): DriverName {
  const raw = stringSetting(env, 'AGENT_DRIVER', 'memory');
  if (!(DRIVER_NAMES as readonly string[]).includes(raw)) throw new ConfigurationError('AGENT_DRIVER', `must be ${DRIVER_NAMES.join(' or ')}, got "${raw}"`);
  return raw as DriverName;
}

/** Checked without echoing the value: a key in a start-up log is a leaked key. */
function apiKeySetting(env: Env): string {
  const key = env.AGENT_API_KEY?.trim() ?? 'dev-operator-key';
  if (!/^[\x21-\x7e]{8,256}$/.test(key)) throw new ConfigurationError('AGENT_API_KEY', 'must be 8–256 printable characters without spaces (an operator key of the API)');
  return key;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
