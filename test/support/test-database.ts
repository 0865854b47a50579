import { escapeIdentifier } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../libs/infra/src/database/data-source';
import { withDatabase } from '../../libs/infra/src/database/database.config';
import { serviceUrl } from '../../libs/infra/src/database/privileges';
import { dropDatabase, newDatabaseName, serverUrl, TEMPLATE_ENV, withAdminClient } from './databases';

export interface TestDatabase {
  readonly name: string;
  /** As the owner (the tests' own reads and fixtures). */
  readonly url: string;
  /** As the role the services connect as (sg_app: read and append events, write the other tables). */
  readonly serviceUrl: string;
  /** Initialised, as the owner; drop() destroys it. */
  readonly dataSource: DataSource;
  drop(): Promise<void>;
}

/**
 * A migrated database of the test file's own, cloned from the run's template, so test files can
 * run in parallel without seeing each other's rows. Call drop() in afterAll.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = process.env[TEMPLATE_ENV];
  if (!template) throw new Error(`${TEMPLATE_ENV} is not set: run integration tests through jest.int.config.js (its globalSetup creates the template)`);
  const name = newDatabaseName('sg_test');
  await withAdminClient((client) =>
    client.query(`CREATE DATABASE ${escapeIdentifier(name)} TEMPLATE ${escapeIdentifier(template)}`),
  );
  const url = withDatabase(serverUrl(), name);
  const dataSource = await createDataSource({ url }, { applicationName: 'sg-test', poolSize: 20 }).initialize();
  return {
    name,
    url,
    serviceUrl: serviceUrl(url),
    dataSource,
    async drop() {
      if (dataSource.isInitialized) await dataSource.destroy();
      await withAdminClient((client) => dropDatabase(client, name));
    },
  };
}
