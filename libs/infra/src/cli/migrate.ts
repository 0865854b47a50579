import { runMigrations } from '../database/data-source';
import { ConfigurationError, loadDatabaseConfig, redact } from '../database/database.config';
import { ensureDatabase } from '../database/ensure-database';

/** `npm run migrate`: creates the database when missing, then applies pending migrations. */
async function main(): Promise<void> {
  const config = loadDatabaseConfig(process.env);
  if (await ensureDatabase(config.url)) console.log(`Created database ${redact(config.url)}`);
  const applied = await runMigrations(config);
  console.log(applied.length === 0 ? 'No pending migrations' : `Applied ${applied.join(', ')}`);
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: its message says which, a stack trace would only hide it.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exitCode = 1;
});
