import 'reflect-metadata';
import { loadAppConfig } from '@sg/infra';
import { createApi } from './create-api';

async function main(): Promise<void> {
  // The only read of process.env: everything else receives the validated config.
  const config = loadAppConfig(process.env);
  // Nest's per-route start-up lines drown what matters; warnings and errors still show.
  const app = await createApi(config, { logger: ['error', 'warn'] });
  app.enableShutdownHooks();
  await app.listen(config.http.port, config.http.host);
  // The bound port, not the configured one: PORT=0 picks a free port.
  const { port } = app.getHttpServer().address() as { port: number };
  console.log(`API listening on http://${config.http.host}:${port} (docs at /docs)`);
}

main().catch((error) => {
  // A bad setting names itself here; anything else is a start-up failure worth its stack.
  console.error(error instanceof Error && error.name === 'ConfigurationError' ? `Configuration error: ${error.message}` : error);
  process.exit(1);
});
