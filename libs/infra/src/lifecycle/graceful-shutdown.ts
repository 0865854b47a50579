import type { Server } from 'node:http';

/** What a log line needs here; the apps pass their pino or Nest logger. */
export interface ShutdownLog {
  info(message: string): void;
  warn(message: string): void;
}

/**
 * The bounds of a shutdown, within the 10 s an orchestrator usually waits after SIGTERM: work in
 * progress (requests, a sync) gets GRACE_MS to finish, then connections are cut and jobs
 * released; FORCED_EXIT_MS ends the process whatever still hangs.
 */
export const SHUTDOWN_GRACE_MS = 6_000;
export const FORCED_EXIT_MS = 9_500;

/**
 * SIGTERM and SIGINT run `close` once (a second signal does not start a second shutdown), then
 * exit 0; a close that fails exits 1, one that hangs is cut at FORCED_EXIT_MS.
 */
export function exitOnSignals(close: (signal: NodeJS.Signals) => Promise<void>, log: ShutdownLog): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    setTimeout(() => {
      log.warn(`shutdown took longer than ${FORCED_EXIT_MS} ms: exiting anyway`);
      process.exit(1);
    }, FORCED_EXIT_MS).unref();
    close(signal).then(
      () => {
        log.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.warn(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * While `server` closes: keep-alive connections are closed as soon as they fall idle (Node's
 * close() only closes the ones idle at the call), and after `graceMs` every connection is cut,
 * so a request that never ends cannot hold the process. Returns a function that stops the sweep.
 */
export function drainConnections(server: Server, graceMs = SHUTDOWN_GRACE_MS): () => void {
  const sweep = setInterval(() => server.closeIdleConnections(), 100);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  sweep.unref();
  cut.unref();
  return () => {
    clearInterval(sweep);
    clearTimeout(cut);
  };
}
