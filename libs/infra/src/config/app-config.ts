import { DEFAULT_LIMITS, Limits } from '@sg/domain';
import { ConfigurationError, DatabaseConfig, loadDatabaseConfig } from '../database/database.config';
import { ApiKey, DEV_API_KEYS, parseApiKeys } from './api-keys';
import { boolSetting, Env, intSetting, stringSetting, urlSetting } from './env-parsers';
import { agentTokenSetting } from './agent-token';

/**
 * Every setting of the API and the worker, read and validated once at start-up. Nothing else
 * reads `process.env`: a bad value stops the process with a message naming the setting.
 */
export interface AppConfig {
  /** `corsOrigins`: the web origins (scheme://host[:port]) of consoles served elsewhere; `*` for any. */
  http: { host: string; port: number; trustProxy: boolean; corsOrigins: string[] | '*' };
  database: DatabaseConfig;
  redis: { url: string; queuePrefix: string };
  apiKeys: ApiKey[];
  limits: Limits;
  idempotencyTtlHours: number;
  /** Bounded re-runs of a commutative command that met a concurrent writer. */
  commandRetries: number;
  propagation: PropagationConfig;
  retention: RetentionConfig;
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
  /** Shown to agents on every push (AGENT_TOKEN). */
  agentToken: string;
  reconcileIntervalMs: number;
  /** Agents the reconciler probes at once. */
  reconcileConcurrency: number;
  /** Hypervisors synced in parallel by one worker. */
  concurrency: number;
  /** How often the relay looks at the feed when no NOTIFY woke it. */
  relayPollMs: number;
}

export function loadAppConfig(env: Env): AppConfig {
  return {
    http: {
      host: stringSetting(env, 'HOST', '0.0.0.0'),
      port: intSetting(env, 'PORT', 3000, { min: 0, max: 65535 }),
      trustProxy: boolSetting(env, 'TRUST_PROXY', false),
      corsOrigins: corsOriginsSetting(env),
    },
    database: loadDatabaseConfig(env),
    redis: {
      url: urlSetting(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis', 'rediss']),
      queuePrefix: stringSetting(env, 'QUEUE_PREFIX', 'sg', /^[A-Za-z0-9:_{}-]{1,64}$/),
    },
    apiKeys: parseApiKeys(env.API_KEYS ?? DEV_API_KEYS),
    limits: {
      rulesPerGroup: intSetting(env, 'LIMIT_RULES_PER_GROUP', DEFAULT_LIMITS.rulesPerGroup, { min: 1 }),
      groupsPerInstance: intSetting(env, 'LIMIT_GROUPS_PER_INSTANCE', DEFAULT_LIMITS.groupsPerInstance, { min: 1 }),
      groupsPerVpc: intSetting(env, 'LIMIT_GROUPS_PER_VPC', DEFAULT_LIMITS.groupsPerVpc, { min: 1 }),
      addressesPerRequest: intSetting(env, 'LIMIT_ADDRESSES_PER_REQUEST', DEFAULT_LIMITS.addressesPerRequest, { min: 1 }),
    },
    idempotencyTtlHours: intSetting(env, 'IDEMPOTENCY_TTL_HOURS', 24, { min: 24 }),
    // 50 clients adding rules to one group at once needed up to 31 attempts on a 2-core machine
    // with one core busy elsewhere (13 when idle); 20 retries lost some of them. 60 doubles the worst seen.
    commandRetries: intSetting(env, 'COMMAND_RETRIES', 60, { min: 0, max: 1000 }),
    propagation: {
      attempts: intSetting(env, 'PROPAGATION_ATTEMPTS', 5, { min: 1, max: 100 }),
      backoffMs: intSetting(env, 'PROPAGATION_BACKOFF_MS', 1000, { min: 1, max: 600_000 }),
      agentTimeoutMs: intSetting(env, 'AGENT_TIMEOUT_MS', 5000, { min: 100, max: 600_000 }),
      agentToken: agentTokenSetting(env).token,
      reconcileIntervalMs: intSetting(env, 'RECONCILE_INTERVAL_MS', 15_000, { min: 100, max: 3_600_000 }),
      reconcileConcurrency: intSetting(env, 'RECONCILE_CONCURRENCY', 32, { min: 1, max: 1000 }),
      concurrency: intSetting(env, 'SYNC_CONCURRENCY', 16, { min: 1, max: 1000 }),
      relayPollMs: intSetting(env, 'RELAY_POLL_MS', 1000, { min: 10, max: 60_000 }),
    },
    retention: {
      intervalMs: intSetting(env, 'RETENTION_INTERVAL_MS', 3_600_000, { min: 1000, max: 86_400_000 }),
      notificationMaxAgeHours: intSetting(env, 'NOTIFICATION_RETENTION_HOURS', 168, { min: 1, max: 87_600 }),
    },
  };
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
