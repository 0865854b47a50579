import { escapeIdentifier } from 'pg';
import { withDatabase } from '../../libs/infra/src/database/database.config';
import { runMigrations } from '../../libs/infra/src/database/data-source';
import { dropDatabase, dropStaleDatabases, newDatabaseName, serverUrl, TEMPLATE_ENV, withAdminClient } from './databases';

/**
 * Migrates one template database per run; each test file then clones it (test-database.ts),
 * which takes milliseconds where migrating would take far longer. The name is new on every run
 * so that two runs at once (several people share this machine) never drop each other's template.
 */
export default async function globalSetup(): Promise<void> {
  const template = newDatabaseName('sg_template');
  await withAdminClient(async (client) => {
    await dropStaleDatabases(client);
    await client.query(`CREATE DATABASE ${escapeIdentifier(template)}`);
  });
  await runMigrations({ url: withDatabase(serverUrl(), template) });
  // CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template: refuse them all.
  await withAdminClient((client) => client.query(`ALTER DATABASE ${escapeIdentifier(template)} ALLOW_CONNECTIONS false`));
  process.env[TEMPLATE_ENV] = template;
  // jest.int.config.js has no globalTeardown; Jest lets its process end on its own once the run is
  // over, which fires beforeExit. Under --forceExit it does not: the stale sweep above catches it.
  process.once('beforeExit', () => {
    void withAdminClient((client) => dropDatabase(client, template)).catch(() => undefined);
  });
}
