import { setTimeout as sleep } from 'node:timers/promises';

export interface RetryPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { initialDelayMs: 250, maxDelayMs: 30_000 };

/**
 * The wait after the n-th failure in a row: doubling up to the cap, then "equal jitter" (half
 * fixed, half random). Jitter spreads a fleet of agents that all lost the API at once; keeping half
 * fixed stops an unlucky draw from retrying at once.
 */
export function backoffDelay(failures: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(failures - 1, 30));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export interface RetryOptions {
  policy: RetryPolicy;
  signal: AbortSignal;
  /** Called once per failed attempt, before the wait: one log line per backoff step. */
  onFailure(error: unknown, failures: number, delayMs: number): void;
  random?: () => number;
}

/** Runs `attempt` until it succeeds; rejects only when `signal` aborts (with the abort reason). */
export async function retryUntilSuccess<T>(attempt: (signal: AbortSignal) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let failures = 1; ; failures++) {
    options.signal.throwIfAborted();
    try {
      return await attempt(options.signal);
    } catch (error) {
      options.signal.throwIfAborted();
      const delay = backoffDelay(failures, options.policy, options.random);
      options.onFailure(error, failures, delay);
      await sleep(delay, undefined, { signal: options.signal });
    }
  }
}
