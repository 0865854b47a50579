import 'reflect-metadata';
import { exitOnSignals, loadAppConfig } from '@sg/infra';
import { Logger } from 'nestjs-pino';
import { createWorker } from './create-worker';
import { WorkerHttpServer } from './platform/http/worker-http.server';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env, 'worker');
  const app = await createWorker(config);
  const logger = app.get(Logger);
  // A SIGTERM lets running syncs finish, hands back the ones that do not in time (their jobs
  // return to the queue), closes the pools and exits within FORCED_EXIT_MS whatever happens.
  exitOnSignals(() => app.close(), { info: (m) => logger.log(m, 'shutdown'), warn: (m) => logger.warn(m, 'shutdown') });
  // test/support/worker-process.ts reads this line: "worker running" and the listener's URL.
  logger.log(`worker running (queue prefix "${config.redis.queuePrefix}", ${config.propagation.attempts} attempts per sync); health and metrics on ${app.get(WorkerHttpServer).url}`, 'worker');
}

main().catch((error) => {
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
