import {
  boolSpec,
  defineSetting,
  type Env,
  intSpec,
  LOG_FORMAT_SETTING,
  LOG_LEVEL_SETTING,
  type LogSettings,
  NODE_ENV_SETTING,
  refuseInProduction,
  stringSpec,
  urlSpec,
} from '@sg/config';
import { DEFAULT_LIMITS, FINDING_CHECKS, type FindingCheck, isFindingCheck, Limits } from '@sg/domain';
import { parseSigningKey } from '@sg/application';
import { AGENT_TOKEN_SETTING } from '@sg/protocol';
import { AGENT_NETWORKS_SETTING, AGENT_URL_ALLOW_LOOPBACK_SETTING, type AgentUrlPolicyConfig } from '../propagation/agent-url-policy';
import { ConfigurationError, DatabaseConfig, DEFAULT_DATABASE_URL, loadDatabaseConfig } from '../database/database.config';
import { ApiKey, DEV_API_KEYS, parseApiKeys } from './api-keys';

/**
 * Every setting of the API and the worker, read and validated once at start-up. Nothing else
 * reads `process.env`: a bad value stops the process with a message naming the setting.
 */
export interface AppConfig {
  /** NODE_ENV=production: the development keys and token were refused at load. */
  production: boolean;
  log: LogSettings;
  /** `corsOrigins`: the web origins (scheme://host[:port]) of consoles served elsewhere; `*` for any. */
  http: { host: string; port: number; trustProxy: boolean; corsOrigins: string[] | '*' };
  database: DatabaseConfig;
  redis: { url: string; queuePrefix: string };
  apiKeys: ApiKey[];
  limits: Limits;
  idempotencyTtlHours: number;
  /** Per API key: requests per second (0: unlimited) and the burst above it; open notification streams. */
  fairness: { perSecond: number; burst: number; concurrent: number; refusalDelayMs: number; streamsPerKey: number; tokenRequestsPerMinute: number };
  /** Bounded re-runs of a commutative command that met a concurrent writer. */
  commandRetries: number;
  propagation: PropagationConfig;
  retention: RetentionConfig;
  /** The worker's own HTTP listener: health, readiness and metrics. */
  worker: { http: { host: string; port: number } };
  audit: AuditConfig;
}

/** Tamper evidence: the key digests are signed with and how often the worker writes one; which finding checks run. */
export interface AuditConfig {
  /** FINDINGS_CHECKS: the checks the findings projection runs (docs/audit.md). */
  findingChecks: ReadonlySet<FindingCheck>;
  /** AUDIT_SIGNING_KEY, an Ed25519 private key as PEM; null: the development key (generated on first start and kept in the database). */
  signingKey: string | null;
  /** A digest at least this often while events arrive. */
  digestIntervalMs: number;
  /** ...or as soon as this many events wait for one. */
  digestMaxEvents: number;
}

/** What the worker's retention job deletes, and how often it looks. */
export interface RetentionConfig {
  intervalMs: number;
  /** Notifications older than this are deleted (idempotency records go after IDEMPOTENCY_TTL_HOURS). */
  notificationMaxAgeHours: number;
}

/** The worker's settings: how hard it tries to reach agents, and how often it looks for drift. */
export interface PropagationConfig {
  /** Attempts per sync before the targets (and so their operations) fail. */
  attempts: number;
  /** First retry delay; doubles each attempt, with jitter. */
  backoffMs: number;
  agentTimeoutMs: number;
  /** The secret each agent's own credential is derived from (AGENT_TOKEN; agentCredential in libs/protocol). */
  agentToken: string;
  /** Where agent URLs may point (AGENT_NETWORKS, AGENT_URL_ALLOW_LOOPBACK): checked at registration and before every push. */
  agentUrls: AgentUrlPolicyConfig;
  reconcileIntervalMs: number;
  /** Agents the reconciler probes at once. */
  reconcileConcurrency: number;
  /** Hypervisors synced in parallel by one worker. */
  concurrency: number;
  /** How often the relay looks at the feed when no NOTIFY woke it. */
  relayPollMs: number;
}

/** Which process loads the settings: the production refusals differ (the worker holds no API keys). */
export type ControlPlaneProcess = 'api' | 'worker';

const BOTH = ['api', 'worker'] as const;
const API = ['api'] as const;
const WORKER = ['worker'] as const;
const DEV_KEYS = new Set(parseApiKeys(DEV_API_KEYS).map((k) => k.key));

/**
 * Every variable of the API and the worker, declared once (docs/configuration.md is generated
 * from these, with the agent's). The loader below reads through them and nothing else.
 */
export const APP_SETTINGS = {
  environment: NODE_ENV_SETTING,
  logLevel: LOG_LEVEL_SETTING,
  logFormat: LOG_FORMAT_SETTING,
  host: stringSpec('HOST', '0.0.0.0', { processes: API, description: 'Address the API listens on.' }),
  port: intSpec('PORT', 3000, { min: 0, max: 65535, processes: API, description: 'Port the API listens on; `0` picks a free one.' }),
  trustProxy: boolSpec('TRUST_PROXY', false, { processes: API, description: 'Take the caller\'s address (`my-ip`) from `X-Forwarded-For`: only behind your own proxy.' }),
  corsOrigins: defineSetting({
    name: 'CORS_ORIGINS',
    processes: API,
    defaultText: null,
    description: 'Origins of consoles served elsewhere (`https://console.example.com,http://localhost:5173`), or `*`.',
    read: corsOriginsSetting,
  }),
  database: defineSetting({ name: 'DATABASE_URL', processes: BOTH, defaultText: DEFAULT_DATABASE_URL, description: 'The event store and read models (`npm start` creates and migrates it).', read: loadDatabaseConfig }),
  redisUrl: urlSpec('REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss'], { processes: BOTH, description: 'Redis of the queues.' }),
  queuePrefix: stringSpec('QUEUE_PREFIX', 'sg', { pattern: /^[A-Za-z0-9:_{}-]{1,64}$/, processes: BOTH, description: 'BullMQ key prefix (hash-tag it, e.g. `{sg}`, on Redis Cluster).' }),
  apiKeys: defineSetting({
    name: 'API_KEYS',
    processes: API,
    defaultText: DEV_API_KEYS,
    description: 'Comma-separated `key:tenant:role` entries (role `member` or `operator`). The default holds the README\'s development keys, refused with `NODE_ENV=production`.',
    read: (env) => ({ keys: parseApiKeys(env.API_KEYS ?? DEV_API_KEYS), development: env.API_KEYS === undefined || parseApiKeys(env.API_KEYS).some((k) => DEV_KEYS.has(k.key)) }),
  }),
  rulesPerGroup: intSpec('LIMIT_RULES_PER_GROUP', DEFAULT_LIMITS.rulesPerGroup, { min: 1, processes: API, description: 'Rules in one security group.' }),
  groupsPerInstance: intSpec('LIMIT_GROUPS_PER_INSTANCE', DEFAULT_LIMITS.groupsPerInstance, { min: 1, processes: API, description: 'Security groups applied to one instance.' }),
  groupsPerVpc: intSpec('LIMIT_GROUPS_PER_VPC', DEFAULT_LIMITS.groupsPerVpc, { min: 1, processes: API, description: 'Security groups in one VPC.' }),
  addressesPerRequest: intSpec('LIMIT_ADDRESSES_PER_REQUEST', DEFAULT_LIMITS.addressesPerRequest, { min: 1, processes: API, description: 'Remote addresses in one request.' }),
  stateEntriesPerHypervisor: intSpec('LIMIT_STATE_ENTRIES_PER_HYPERVISOR', DEFAULT_LIMITS.stateEntriesPerHypervisor, {
    min: 1,
    processes: API,
    description:
      'The budget of one tenant in one hypervisor\'s desired state, over all its VPCs: one entry per rule of each group on each of the tenant\'s ports there, plus one per member of each remote group those rules name. A change past it is a 422 `quota-exceeded`, checked again under the tenant\'s lock when written, so concurrent changes cannot pass it together (docs/reliability.md).',
  }),
  idempotencyTtlHours: intSpec('IDEMPOTENCY_TTL_HOURS', 24, { min: 24, processes: API, description: 'How long an `Idempotency-Key` is remembered (at least 24).' }),
  // 50 clients adding rules to one group at once needed up to 31 attempts on a 2-core machine
  // with one core busy elsewhere (13 when idle); 20 retries lost some of them. 60 doubles the worst seen.
  rateLimitPerSecond: intSpec('RATE_LIMIT_PER_SECOND', 20, { min: 0, max: 1_000_000, processes: API, description: 'Requests per second each API key (and each agent credential) may make, sustained; `0`: no limit. Over it: 429 with `Retry-After` and `RateLimit-*`.' }),
  rateLimitBurst: intSpec('RATE_LIMIT_BURST', 100, { min: 1, max: 1_000_000, processes: API, description: 'Requests a key may make at once above the sustained rate (the bucket\'s size).' }),
  rateLimitConcurrent: intSpec('RATE_LIMIT_CONCURRENT', 4, { min: 0, max: 100_000, processes: API, description: 'Requests of one API key (or agent credential) in progress at once; its next ones wait their turn, so that a flood of one key holds a few of the API\'s connections and cannot crowd out the other keys. `0`: no limit. Notification streams are capped by `STREAMS_PER_KEY` instead.' }),
  rateLimitRefusalDelayMs: intSpec('RATE_LIMIT_REFUSAL_DELAY_MS', 1000, { min: 0, max: 60_000, processes: API, description: 'How long, at most, a 429 (over `RATE_LIMIT_PER_SECOND`) is held before it is answered (at least half of it, jittered, so that clients refused together do not come back together): a client that ignores `Retry-After` and asks again at once waits on each connection instead of spinning, so its refusals cost next to nothing. `0`: answer at once.' }),
  tokenRequestsPerMinute: intSpec('TOKEN_REQUESTS_PER_MINUTE', 30, { min: 0, max: 1_000_000, processes: API, description: 'Keystone token requests (`POST /identity/v3/auth/tokens`) each remote address, and each user name, may make per minute (as many at once), checked before the password; `0`: no limit. Over it: 429 with `Retry-After`.' }),
  streamsPerKey: intSpec('STREAMS_PER_KEY', 10, { min: 1, max: 10_000, processes: API, description: 'Notification streams one API key may hold open at once; one more is a 429.' }),
  commandRetries: intSpec('COMMAND_RETRIES', 60, { min: 0, max: 1000, processes: API, description: 'Re-runs of a commutative change (adding rules) that met a concurrent writer, before the client gets a conflict.' }),
  attempts: intSpec('PROPAGATION_ATTEMPTS', 5, { min: 1, max: 100, processes: WORKER, description: 'Pushes to an agent before the operation fails.' }),
  backoffMs: intSpec('PROPAGATION_BACKOFF_MS', 1000, { min: 1, max: 600_000, processes: WORKER, description: 'First retry delay; doubles each attempt, with jitter.' }),
  agentTimeoutMs: intSpec('AGENT_TIMEOUT_MS', 5000, { min: 100, max: 600_000, processes: WORKER, description: 'How long a push or a health check of an agent may take.' }),
  agentToken: AGENT_TOKEN_SETTING,
  agentNetworks: AGENT_NETWORKS_SETTING,
  agentUrlAllowLoopback: AGENT_URL_ALLOW_LOOPBACK_SETTING,
  reconcileIntervalMs: intSpec('RECONCILE_INTERVAL_MS', 15_000, { min: 100, max: 3_600_000, processes: WORKER, description: 'How often the worker compares desired and applied revisions.' }),
  reconcileConcurrency: intSpec('RECONCILE_CONCURRENCY', 32, { min: 1, max: 1000, processes: WORKER, description: 'Agents the reconciler probes at once.' }),
  retentionIntervalMs: intSpec('RETENTION_INTERVAL_MS', 3_600_000, { min: 1000, max: 86_400_000, processes: WORKER, description: 'How often the leading worker deletes expired idempotency records and old notifications.' }),
  notificationRetentionHours: intSpec('NOTIFICATION_RETENTION_HOURS', 168, { min: 1, max: 87_600, processes: WORKER, description: 'Notifications older than this are deleted (idempotency records go after `IDEMPOTENCY_TTL_HOURS`).' }),
  concurrency: intSpec('SYNC_CONCURRENCY', 16, { min: 1, max: 1000, processes: WORKER, description: 'Hypervisors one worker syncs in parallel.' }),
  relayPollMs: intSpec('RELAY_POLL_MS', 1000, { min: 10, max: 60_000, processes: WORKER, description: 'How often the relay reads the feed when no NOTIFY woke it.' }),
  auditSigningKey: defineSetting({
    name: 'AUDIT_SIGNING_KEY',
    processes: BOTH,
    defaultText: null,
    description:
      'Ed25519 private key the worker signs audit digests with (PEM, newlines as `\\n` allowed, or base64 PKCS#8 DER); the API serves its public key. Unset: a development key, generated on first start and kept in the database, refused with `NODE_ENV=production`. `openssl genpkey -algorithm ed25519` makes one.',
    read: auditSigningKeySetting,
  }),
  auditDigestIntervalMs: intSpec('AUDIT_DIGEST_INTERVAL_MS', 300_000, { min: 100, max: 86_400_000, processes: WORKER, description: 'The worker signs a digest of the events recorded since the last one at least this often (when there are any).' }),
  auditDigestMaxEvents: intSpec('AUDIT_DIGEST_MAX_EVENTS', 1000, { min: 1, max: 1000, processes: WORKER, description: 'The worker signs a digest as soon as this many events wait for one (and never covers more in one digest).' }),
  findingsChecks: defineSetting({
    name: 'FINDINGS_CHECKS',
    processes: BOTH,
    defaultText: FINDING_CHECKS.join(','),
    description:
      'The finding checks the findings projection runs on every change (docs/audit.md), comma-separated; empty: none. Each process that writes events must run the same set, and `npm run projections:rebuild` re-evaluates the whole history with it.',
    read: findingsChecksSetting,
  }),
  workerHost: stringSpec('WORKER_HOST', '127.0.0.1', { processes: WORKER, description: 'Address of the worker\'s own HTTP listener (`/health`, `/health/ready`, `/metrics`); `0.0.0.0` in a container.' }),
  workerPort: intSpec('WORKER_PORT', 3100, { min: 0, max: 65535, processes: WORKER, description: 'Port of the worker\'s HTTP listener; `0` picks a free one (the start-up line names it).' }),
} as const;

export function loadAppConfig(env: Env, forProcess: ControlPlaneProcess = 'api'): AppConfig {
  const s = APP_SETTINGS;
  const { production } = s.environment.read(env);
  const apiKeys = s.apiKeys.read(env);
  const agentToken = s.agentToken.read(env);
  if (forProcess === 'api') refuseInProduction(production, apiKeys.development, 'API_KEYS', 'a key of the development set (dev-member-key, dev-operator-key)');
  refuseInProduction(production, agentToken.isDevelopmentDefault, 'AGENT_TOKEN', 'the agent token');
  const signingKey = s.auditSigningKey.read(env);
  refuseInProduction(production, signingKey === null, 'AUDIT_SIGNING_KEY', 'the development audit signing key (used when the setting is unset)');
  return {
    production,
    log: { level: s.logLevel.read(env), format: s.logFormat.read(env) },
    http: {
      host: s.host.read(env),
      port: s.port.read(env),
      trustProxy: s.trustProxy.read(env),
      corsOrigins: s.corsOrigins.read(env),
    },
    database: s.database.read(env),
    redis: { url: s.redisUrl.read(env), queuePrefix: s.queuePrefix.read(env) },
    apiKeys: apiKeys.keys,
    limits: {
      rulesPerGroup: s.rulesPerGroup.read(env),
      groupsPerInstance: s.groupsPerInstance.read(env),
      groupsPerVpc: s.groupsPerVpc.read(env),
      addressesPerRequest: s.addressesPerRequest.read(env),
      stateEntriesPerHypervisor: s.stateEntriesPerHypervisor.read(env),
    },
    idempotencyTtlHours: s.idempotencyTtlHours.read(env),
    fairness: { perSecond: s.rateLimitPerSecond.read(env), burst: s.rateLimitBurst.read(env), concurrent: s.rateLimitConcurrent.read(env), refusalDelayMs: s.rateLimitRefusalDelayMs.read(env), streamsPerKey: s.streamsPerKey.read(env), tokenRequestsPerMinute: s.tokenRequestsPerMinute.read(env) },
    commandRetries: s.commandRetries.read(env),
    propagation: {
      attempts: s.attempts.read(env),
      backoffMs: s.backoffMs.read(env),
      agentTimeoutMs: s.agentTimeoutMs.read(env),
      agentToken: agentToken.token,
      agentUrls: { networks: s.agentNetworks.read(env), allowLoopback: s.agentUrlAllowLoopback.read(env) },
      reconcileIntervalMs: s.reconcileIntervalMs.read(env),
      reconcileConcurrency: s.reconcileConcurrency.read(env),
      concurrency: s.concurrency.read(env),
      relayPollMs: s.relayPollMs.read(env),
    },
    retention: {
      intervalMs: s.retentionIntervalMs.read(env),
      notificationMaxAgeHours: s.notificationRetentionHours.read(env),
    },
    worker: { http: { host: s.workerHost.read(env), port: s.workerPort.read(env) } },
    audit: { signingKey, digestIntervalMs: s.auditDigestIntervalMs.read(env), digestMaxEvents: s.auditDigestMaxEvents.read(env), findingChecks: s.findingsChecks.read(env) },
  };
}

/** FINDINGS_CHECKS: check ids, comma-separated (spaces allowed); unset: every check; empty: none. */
export function findingsChecksSetting(env: Env): ReadonlySet<FindingCheck> {
  const raw = env.FINDINGS_CHECKS;
  if (raw === undefined) return new Set(FINDING_CHECKS);
  const names = raw.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !isFindingCheck(n));
  if (unknown.length > 0) throw new ConfigurationError('FINDINGS_CHECKS', `unknown check${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `"${n}"`).join(', ')}; the checks are ${FINDING_CHECKS.join(', ')}`);
  return new Set(names as FindingCheck[]);
}

/** AUDIT_SIGNING_KEY: an Ed25519 private key, as PEM; null when unset. */
function auditSigningKeySetting(env: Env): string | null {
  const raw = env.AUDIT_SIGNING_KEY?.trim();
  if (!raw) return null;
  try {
    return parseSigningKey(raw).export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (error) {
    throw new ConfigurationError('AUDIT_SIGNING_KEY', `must be an Ed25519 private key (PEM or base64 PKCS#8 DER): ${(error as Error).message}`);
  }
}

/** CORS_ORIGINS: comma-separated origins like https://console.example.com, or `*`; empty: none. */
function corsOriginsSetting(env: Env): string[] | '*' {
  const raw = env.CORS_ORIGINS?.trim() ?? '';
  if (raw === '*') return '*';
  const origins = raw.split(',').map((o) => o.trim()).filter(Boolean);
  for (const origin of origins) {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== origin) {
      throw new ConfigurationError('CORS_ORIGINS', `each entry must be an origin like https://console.example.com (no path or trailing slash), or the whole value *; got "${origin}"`);
    }
  }
  return origins;
}
