import { migrationStatus, revertLastMigration, runMigrations } from '../database/data-source';
import { ConfigurationError, DatabaseConfig, loadDatabaseConfig, redact } from '../database/database.config';
import { DEFAULT_SERVICE_ROLE } from '../database/privileges';
import { databaseExists, ensureDatabase } from '../database/ensure-database';

const USAGE = 'usage: npm run migrate [-- up | status | revert]';

/**
 * `npm run migrate`: creates the database when missing, then applies pending migrations.
 * `-- status` lists every migration and whether it is applied (exit 1 when some are pending, so a
 * deployment can check before it starts the services); `-- revert` undoes the latest one.
 */
async function main(command = 'up'): Promise<void> {
  const config = loadDatabaseConfig(process.env);
  if (command === 'up') return up(config);
  if (command !== 'status' && command !== 'revert') throw new ConfigurationError('command', `unknown command "${command}"; ${USAGE}`);
  if (!(await databaseExists(config.url))) {
    console.log(`Database ${redact(config.url)} does not exist: every migration is pending (npm run migrate creates it)`);
    process.exitCode = 1;
    return;
  }
  return command === 'status' ? status(config) : revert(config);
}

async function up(config: DatabaseConfig): Promise<void> {
  if (await ensureDatabase(config.url)) console.log(`Created database ${redact(config.url)}`);
  // DATABASE_SERVICE_ROLE: the role the API and the worker connect as (default sg_app); `none`: grant nothing.
  const raw = process.env.DATABASE_SERVICE_ROLE?.trim();
  const serviceRole = raw === 'none' ? null : raw || DEFAULT_SERVICE_ROLE;
  const applied = await runMigrations(config, { serviceRole });
  console.log(applied.length === 0 ? 'No pending migrations' : `Applied ${applied.join(', ')}`);
  if (serviceRole) console.log(`Role ${serviceRole} may read and append events and write the other tables; connect the API and the worker as it`);
}

async function status(config: DatabaseConfig): Promise<void> {
  const migrations = await migrationStatus(config);
  for (const m of migrations) console.log(`${m.applied ? 'applied' : 'pending'}  ${m.name}`);
  const pending = migrations.filter((m) => !m.applied).length;
  console.log(pending === 0 ? `All ${migrations.length} migrations applied` : `${pending} of ${migrations.length} migrations pending`);
  if (pending > 0) process.exitCode = 1;
}

async function revert(config: DatabaseConfig): Promise<void> {
  const reverted = await revertLastMigration(config);
  console.log(reverted === null ? 'No migration to revert' : `Reverted ${reverted}`);
}

main(process.argv[2]).catch((error: unknown) => {
  // A bad setting is the operator's to fix: its message says which, a stack trace would only hide it.
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exitCode = 1;
});
