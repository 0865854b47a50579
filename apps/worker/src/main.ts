import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadAppConfig } from '@sg/infra';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = loadAppConfig(process.env);
  const app = await createWorker(config, { logger: ['error', 'warn', 'log'] });
  app.enableShutdownHooks();
  Logger.log(`worker running (queue prefix "${config.redis.queuePrefix}", ${config.propagation.attempts} attempts per sync)`, 'worker');
}

main().catch((error) => {
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
