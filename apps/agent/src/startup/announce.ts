import type { AgentLogger } from '../logger';
import { retryUntilSuccess, RetryPolicy } from './backoff';

export type StartupStatus = 'disabled' | 'registering' | 'requesting-resync' | 'done' | 'stopped';

export interface AnnounceOptions {
  apiUrl: string;
  /** The agent's own credential: the API lets it register (and resync) its own hypervisor, and nothing else. */
  credential: string;
  hypervisorId: string;
  agentUrl: string;
  retry: RetryPolicy;
  signal: AbortSignal;
  logger: AgentLogger;
  onStatus(status: StartupStatus): void;
}

// A control plane that accepts the connection and then hangs must not stall start-up forever.
const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Start-up (docs/agent-protocol.md): register, then ask for the full state; each retried with
 * backoff until it succeeds, so an agent may start before the API. Serving pushes does not wait
 * for this. Resolves with 'done', or 'stopped' when `signal` aborts first.
 */
export async function announce(options: AnnounceOptions): Promise<StartupStatus> {
  const base = `${options.apiUrl}/v1/hypervisors/${encodeURIComponent(options.hypervisorId)}`;
  try {
    options.onStatus('registering');
    await retried(options, 'register', (signal) => call(options, 'PUT', base, { agentUrl: options.agentUrl }, signal));
    options.onStatus('requesting-resync');
    // A 404 here means the API does not know the hypervisor yet (or predates the endpoint): retried like any failure.
    await retried(options, 'resync request', (signal) => call(options, 'POST', `${base}/resync`, {}, signal));
    options.logger.info(`registered as ${options.agentUrl} and asked ${options.apiUrl} for the full state`);
    options.onStatus('done');
    return 'done';
  } catch (error) {
    if (!options.signal.aborted) throw error;
    options.onStatus('stopped');
    return 'stopped';
  }
}

function retried(options: AnnounceOptions, what: string, attempt: (signal: AbortSignal) => Promise<void>): Promise<void> {
  return retryUntilSuccess(attempt, {
    policy: options.retry,
    signal: options.signal,
    onFailure: (error, failures, delayMs) =>
      options.logger.warn(`${what} failed (attempt ${failures}): ${describe(error)}; retrying in ${delayMs} ms`),
  });
}

async function call(options: AnnounceOptions, method: string, url: string, body: unknown, shutdown: AbortSignal): Promise<void> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${options.credential}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.any([shutdown, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
  });
  // Read the body in full either way: it frees the connection and carries the API's reason.
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // fetch reports "fetch failed" and hides the reason (ECONNREFUSED, …) in `cause`.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
