import { loadAgentConfig } from './config/agent-config';
import { agentLogger } from './logger';
import { startAgent } from './start-agent';

// A shutdown that hangs (a driver that never returns) must still end, or a supervisor waits forever.
const FORCED_EXIT_MS = 10_000;

async function main(): Promise<void> {
  // The only read of process.env: everything else receives the validated config.
  const config = loadAgentConfig(process.env);
  const logger = agentLogger(config);
  const agent = await startAgent(config, { logger });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal}: shutting down`);
    setTimeout(() => process.exit(1), FORCED_EXIT_MS).unref();
    // exit() rather than waiting for an empty event loop: fetch keeps idle sockets to the API pooled for a while.
    agent.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.warn(`shutdown failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  // A bad setting names itself; anything else is a start-up failure worth its stack.
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
