import { isIP } from 'node:net';
import {
  boolSpec,
  ConfigurationError,
  defineSetting,
  Env,
  intSpec,
  LOG_FORMAT_SETTING,
  LOG_LEVEL_SETTING,
  type LogSettings,
  NODE_ENV_SETTING,
  refuseInProduction,
  intSetting,
  stringSetting,
  urlSetting,
  urlSpec,
} from '@sg/config';
import { DEFAULT_MAX_BODY_BYTES } from '../http/json-io';
import { AGENT_TOKEN_SETTING, agentCredential, DEV_AGENT_TOKEN, isAgentCredential } from '@sg/protocol';
import type { NftablesSettings } from '../drivers/nftables/nftables.driver';

export const DRIVER_NAMES = ['memory', 'nftables'] as const;
export type DriverName = (typeof DRIVER_NAMES)[number];

/** Every setting of the agent, read and validated once at start-up (docs/agent-protocol.md). */
export interface AgentConfig {
  /** NODE_ENV=production: the development token and API key were refused at load. */
  production: boolean;
  log: LogSettings;
  hypervisorId: string;
  http: { host: string; port: number };
  driver: DriverName;
  /** What the control plane should call; undefined: the address the agent ends up listening on. */
  agentUrl: string | undefined;
  controlPlane: { url: string; register: boolean };
  /**
   * This agent's own credential (AGENT_TOKEN, or derived from the shared secret given there): the
   * worker shows it with every push, reads of the state need it, and the agent registers with it.
   */
  token: string;
  /** No AGENT_TOKEN was given: the credential derived from the development secret is in use. */
  developmentToken: boolean;
  /** AGENT_TOKEN held the control plane's shared secret, not this agent's credential (it warns). */
  tokenWasSharedSecret: boolean;
  /** The nftables driver's settings (read whatever the driver, so a typo never waits for a switch). */
  nftables: NftablesSettings;
  /** The largest state body it takes, compressed or once decompressed (AGENT_MAX_BODY_BYTES); larger is a 413. */
  maxBodyBytes: number;
}

/** The shape the API accepts for hypervisor ids, so the agent never registers under a name it refuses. */
const HYPERVISOR_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const HOSTNAME = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
const WILDCARDS = new Set(['0.0.0.0', '::']);

const AGENT = ['agent'] as const;

/**
 * Every variable of the agent, declared once (docs/configuration.md is generated from these, with
 * the API's and the worker's). The loader below reads through them and nothing else.
 */
export const AGENT_SETTINGS = {
  environment: NODE_ENV_SETTING,
  logLevel: LOG_LEVEL_SETTING,
  logFormat: LOG_FORMAT_SETTING,
  hypervisorId: defineSetting({ name: 'AGENT_ID', processes: AGENT, defaultText: 'hv-1', description: 'The hypervisor id: 1–63 letters, digits, `.`, `_`, `-` (the API\'s shape).', read: hypervisorIdSetting }),
  host: defineSetting({ name: 'AGENT_HOST', processes: AGENT, defaultText: '127.0.0.1', description: 'Address to listen on (protocol, health and metrics); `0.0.0.0` in a container, with `AGENT_URL`.', read: hostSetting }),
  port: intSpec('AGENT_PORT', 7001, { min: 0, max: 65535, processes: AGENT, description: 'Port to listen on; `0` picks a free one.' }),
  agentUrl: defineSetting({
    name: 'AGENT_URL',
    processes: AGENT,
    defaultText: null,
    description: 'What it registers with the API, i.e. how the worker reaches it; by default the address it listens on. Required when `AGENT_HOST` is `0.0.0.0` or `::`.',
    read: (env) => (env.AGENT_URL?.trim() ? agentUrlSetting(env) : undefined),
  }),
  driver: defineSetting({ name: 'AGENT_DRIVER', processes: AGENT, defaultText: 'memory', description: '`memory` or `nftables` (root; needs `nft`, `ip` and `conntrack`, checked at start).', read: driverSetting }),
  apiUrl: urlSpec('API_URL', 'http://127.0.0.1:3000', ['http', 'https'], { processes: AGENT, description: 'The API the agent registers with.' }),
  apiKey: defineSetting({
    name: 'AGENT_API_KEY',
    processes: AGENT,
    defaultText: null,
    description: 'No longer used: the agent registers with its own credential (`AGENT_TOKEN`), and needs no operator key. Still checked for shape when set, so that old deployments start; remove it.',
    read: apiKeySetting,
  }),
  register: boolSpec('AGENT_REGISTER', true, { processes: AGENT, description: '`false`: skip the start-up calls (the agent only serves pushes).' }),
  token: AGENT_TOKEN_SETTING,
  netns: defineSetting({
    name: 'AGENT_NETNS',
    processes: AGENT,
    defaultText: null,
    description: 'nftables: the network namespace whose ruleset the agent programs (`ip netns exec NAME nft -f -`); unset, its own.',
    read: netnsSetting,
  }),
  table: defineSetting({ name: 'AGENT_NFT_TABLE', processes: AGENT, defaultText: 'sg_agent', description: 'nftables: the agent\'s table in the `inet` family.', read: tableSetting }),
  interfacePrefix: defineSetting({
    name: 'AGENT_INTERFACE_PREFIX',
    processes: AGENT,
    defaultText: 'tap',
    description: 'nftables: VM ports are the interfaces whose name starts with it.',
    read: interfacePrefixSetting,
  }),
  maxBodyBytes: intSpec('AGENT_MAX_BODY_BYTES', DEFAULT_MAX_BODY_BYTES, {
    min: 1024,
    max: 256 * 1024 * 1024,
    processes: AGENT,
    description:
      'The largest desired state it takes, in bytes of JSON (compressed, or once decompressed); a larger one is a 413, and the worker then holds the tenants whose part of the state changed since the agent last took one at that part, and pushes the rest (docs/reliability.md). Tests lower it.',
  }),
  driftIntervalMs: defineSetting({
    name: 'AGENT_DRIFT_INTERVAL_MS',
    processes: AGENT,
    defaultText: '10000',
    description: 'nftables: how often the table is read back and repaired where it drifted; `0`: never.',
    read: driftIntervalSetting,
  }),
} as const;

export function loadAgentConfig(env: Env): AgentConfig {
  const s = AGENT_SETTINGS;
  const { production } = s.environment.read(env);
  const host = s.host.read(env);
  const port = s.port.read(env);
  const explicitUrl = s.agentUrl.read(env);
  if (explicitUrl === undefined && WILDCARDS.has(host)) {
    throw new ConfigurationError('AGENT_URL', `must be set when AGENT_HOST is ${host}: the control plane cannot reach a wildcard address`);
  }
  const { token: given, isDevelopmentDefault } = s.token.read(env);
  s.apiKey.read(env);
  const register = s.register.read(env);
  const hypervisorId = s.hypervisorId.read(env);
  // The shared secret given by mistake: derive this agent's own credential and keep only that.
  const tokenWasSharedSecret = !isAgentCredential(given);
  const token = tokenWasSharedSecret ? agentCredential(given, hypervisorId) : given;
  const developmentToken = isDevelopmentDefault || token === agentCredential(DEV_AGENT_TOKEN, hypervisorId);
  refuseInProduction(production, developmentToken, 'AGENT_TOKEN', 'the agent token');
  return {
    production,
    log: { level: s.logLevel.read(env), format: s.logFormat.read(env) },
    token,
    developmentToken,
    tokenWasSharedSecret: tokenWasSharedSecret && !isDevelopmentDefault,
    hypervisorId,
    http: { host, port },
    driver: s.driver.read(env),
    agentUrl: explicitUrl && withoutTrailingSlash(explicitUrl),
    controlPlane: { url: withoutTrailingSlash(s.apiUrl.read(env)), register },
    nftables: { netns: s.netns.read(env), table: s.table.read(env), interfacePrefix: s.interfacePrefix.read(env), driftIntervalMs: s.driftIntervalMs.read(env) },
    maxBodyBytes: s.maxBodyBytes.read(env),
  };
}

function hostSetting(env: Env): string {
  const host = stringSetting(env, 'AGENT_HOST', '127.0.0.1');
  if (isIP(host) === 0 && !HOSTNAME.test(host)) throw new ConfigurationError('AGENT_HOST', `must be an IP address or a host name, got "${host}"`);
  return host;
}

const NETNS = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
const TABLE = /^[A-Za-z][A-Za-z0-9_]{0,31}$/;
const INTERFACE_PREFIX = /^[A-Za-z0-9_.-]{1,14}$/;

function netnsSetting(env: Env): string | null {
  const netns = env.AGENT_NETNS?.trim() || null;
  if (netns !== null && !NETNS.test(netns)) throw new ConfigurationError('AGENT_NETNS', `must be a network namespace name (letters, digits, ".", "_", "-"), got "${netns}"`);
  return netns;
}

function tableSetting(env: Env): string {
  const table = stringSetting(env, 'AGENT_NFT_TABLE', 'sg_agent');
  if (!TABLE.test(table)) throw new ConfigurationError('AGENT_NFT_TABLE', `must be 1–32 letters, digits or "_", starting with a letter; got "${table}"`);
  return table;
}

function interfacePrefixSetting(env: Env): string {
  const interfacePrefix = stringSetting(env, 'AGENT_INTERFACE_PREFIX', 'tap');
  if (!INTERFACE_PREFIX.test(interfacePrefix)) throw new ConfigurationError('AGENT_INTERFACE_PREFIX', `must be 1–14 letters, digits, ".", "_" or "-" (the start of every VM port's interface name); got "${interfacePrefix}"`);
  return interfacePrefix;
}

function driftIntervalSetting(env: Env): number {
  const driftIntervalMs = intSetting(env, 'AGENT_DRIFT_INTERVAL_MS', 10_000, { min: 0, max: 3_600_000 });
  if (driftIntervalMs > 0 && driftIntervalMs < 100) throw new ConfigurationError('AGENT_DRIFT_INTERVAL_MS', `must be 0 (no checks) or at least 100, got ${driftIntervalMs}`);
  return driftIntervalMs;
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
function apiKeySetting(env: Env): string | undefined {
  const key = env.AGENT_API_KEY?.trim();
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{8,256}$/.test(key)) throw new ConfigurationError('AGENT_API_KEY', 'must be 8–256 printable characters without spaces (it is no longer used: remove it)');
  return key;
}

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
