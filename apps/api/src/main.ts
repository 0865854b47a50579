import 'reflect-metadata';
import { drainConnections, exitOnSignals, loadAppConfig } from '@sg/infra';
import type { Server } from 'node:http';
import { Logger } from 'nestjs-pino';
import { createApi } from './create-api';

async function main(): Promise<void> {
  // The only read of process.env: everything else receives the validated config.
  const config = loadAppConfig(process.env, 'api');
  const app = await createApi(config);
  const logger = app.get(Logger);
  await app.listen(config.http.port, config.http.host);
  const server = app.getHttpServer() as Server;
  // A SIGTERM ends the notification streams (OpenStreams), lets requests in flight finish, closes
  // the pools (the modules' shutdown hooks), and exits within FORCED_EXIT_MS whatever happens.
  exitOnSignals(
    async () => {
      const stopDraining = drainConnections(server);
      try {
        await app.close();
      } finally {
        stopDraining();
      }
    },
    { info: (m) => logger.log(m, 'shutdown'), warn: (m) => logger.warn(m, 'shutdown') },
  );
  // The bound port, not the configured one: PORT=0 picks a free port.
  const { port } = server.address() as { port: number };
  logger.log(`API listening on http://${config.http.host}:${port} (docs at /docs)`, 'api');
}

main().catch((error) => {
  // A bad setting names itself here; anything else is a start-up failure worth its stack.
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
