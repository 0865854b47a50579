import { createDataSource } from '../database/data-source';
import { ConfigurationError, loadDatabaseConfig, redact } from '../database/database.config';
import { READ_MODEL_TABLES } from '../projections';
import { createEventStore } from '../event-store/create-event-store';
import { findingsChecksSetting } from '../config/app-config';

/**
 * `npm run projections:rebuild`: empties every read model and refills it from the events alone,
 * in one transaction (readers keep the old tables until the new ones are complete). For a
 * projection fixed after it wrote wrong rows, or a read model restored from nothing.
 */
async function main(): Promise<void> {
  const config = loadDatabaseConfig(process.env);
  const findingChecks = findingsChecksSetting(process.env);
  const dataSource = await createDataSource(config, { applicationName: 'security-groups-rebuild', poolSize: 1 }).initialize();
  try {
    const started = Date.now();
    const { events } = await createEventStore(dataSource, { findingChecks }).rebuildReadModels();
    console.log(
      `Replayed ${events} event${events === 1 ? '' : 's'} into ${READ_MODEL_TABLES.length} read-model tables of ${redact(config.url)} in ${Date.now() - started} ms`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigurationError ? error.message : error);
  process.exitCode = 1;
});
