import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationError } from '@sg/config';
import type { AgentConfig } from './config/agent-config';
import { createDriver } from './drivers/create-driver';
import type { Driver } from './drivers/driver';
import { registerReadinessGauges } from '@sg/observability';
import { agentReadiness, createAgentServer } from './http/agent-server';
import { AgentLogger, agentLogger } from './logger';
import { AgentMetrics } from './observability/agent-metrics';
import { announce, StartupStatus } from './startup/announce';
import { DEFAULT_RETRY, RetryPolicy } from './startup/backoff';
import { StateKeeper } from './state/state-keeper';

export interface StartAgentOptions {
  /** Instead of the configured one: tests inject a failing or slow driver. */
  driver?: Driver;
  logger?: AgentLogger;
  /** Start-up retries; tests shorten them. */
  retry?: RetryPolicy;
  maxBodyBytes?: number;
}

export interface RunningAgent {
  hypervisorId: string;
  /** Where it listens, e.g. `http://127.0.0.1:7001` (the real port when configured with 0). */
  url: string;
  /** What it registers with the control plane: AGENT_URL, or `url`. */
  agentUrl: string;
  /** Settles when registration and the resync request succeeded, or when the agent closed first. */
  startup: Promise<StartupStatus>;
  /** Stops retrying, lets pushes in progress finish and answer, then closes the server. Idempotent. */
  close(): Promise<void>;
}

/** The agent: used by main.ts and, in-process on port 0, by the tests. */
export async function startAgent(config: AgentConfig, options: StartAgentOptions = {}): Promise<RunningAgent> {
  const logger = options.logger ?? agentLogger(config);
  const metrics = new AgentMetrics(config.hypervisorId);
  const driver = options.driver ?? (await createDriver(config, logger, metrics));
  const keeper = new StateKeeper(config.hypervisorId, driver, undefined, metrics);
  metrics.attach({
    appliedState: () => keeper.appliedState,
    driverCounters: () => driver.counters?.() ?? { driftChecks: 0, driftRepairs: 0, driftCheckFailures: 0, connectionsCut: 0 },
  });
  let status: StartupStatus = config.controlPlane.register ? 'registering' : 'disabled';
  registerReadinessGauges(metrics.registry, async () => agentReadiness(keeper, status).body);
  const http = createAgentServer({ keeper, token: config.token, maxBodyBytes: options.maxBodyBytes ?? config.maxBodyBytes, logger, startupStatus: () => status, metrics });
  const { server } = http;
  try {
    await listen(server, config.http.host, config.http.port);
  } catch (error) {
    await driver.close?.();
    throw error;
  }
  const url = urlOf(server.address() as AddressInfo);
  const agentUrl = config.agentUrl ?? url;
  // test/support/agent-process.ts reads this line to learn the port: keep "listening on <url> (".
  logger.info(`listening on ${url} (driver ${driver.describe().name}${config.agentUrl ? `, reachable as ${agentUrl}` : ''})`);
  if (config.developmentToken && !isLoopback(config.http.host)) {
    logger.warn('AGENT_TOKEN is not set: pushes are accepted with the credential derived from the development secret; give this agent its own (npm run -s agent-credential -- <id> where the control plane\'s AGENT_TOKEN is set)');
  }
  if (config.tokenWasSharedSecret) {
    logger.warn('AGENT_TOKEN holds the control plane\'s shared secret: this agent derived its own credential from it, but the host still knows the secret; give it only its own (npm run -s agent-credential -- <id>)');
  }

  const shutdown = new AbortController();
  const startup: Promise<StartupStatus> = config.controlPlane.register
    ? announce({
        apiUrl: config.controlPlane.url,
        credential: config.token,
        hypervisorId: config.hypervisorId,
        agentUrl,
        retry: options.retry ?? DEFAULT_RETRY,
        signal: shutdown.signal,
        logger,
        onStatus: (s) => (status = s),
      }).catch((error: unknown) => {
        // Only a bug gets here (announce retries every failure); the agent keeps serving pushes.
        logger.warn(`start-up stopped: ${error instanceof Error ? error.message : String(error)}`);
        return (status = 'stopped');
      })
    : Promise.resolve('disabled');

  let closed: Promise<void> | undefined;
  const close = async () => {
    shutdown.abort();
    await startup;
    await http.close();
    // The rules stay in force: a restarted agent finds them and keeps them until its resync.
    await driver.close?.();
    logger.info('stopped');
  };
  return { hypervisorId: config.hypervisorId, url, agentUrl, startup, close: () => (closed ??= close()) };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') reject(new ConfigurationError('AGENT_PORT', `port ${port} on ${host} is already in use`));
      else if (error.code === 'EACCES') reject(new ConfigurationError('AGENT_PORT', `port ${port} on ${host} needs privileges this process lacks`));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') reject(new ConfigurationError('AGENT_HOST', `${host} is not an address of this machine`));
      else reject(error);
    });
    server.listen(port, host, () => resolve());
  });
}

function urlOf(address: AddressInfo): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}
