import { randomBytes } from 'node:crypto';
import { Client, escapeIdentifier } from 'pg';
import { loadDatabaseConfig, withDatabase } from '../../libs/infra/src/database/database.config';

// Relative imports only: Jest loads globalSetup without the moduleNameMapper, so `@sg/infra`
// would not resolve there.

/** Set by global-setup for the test workers, which inherit the environment. */
export const TEMPLATE_ENV = 'SG_TEST_TEMPLATE_DATABASE';

/** Databases older than this are leftovers of a run that died before dropping them. */
const STALE_AFTER_SECONDS = 30 * 60;

/** The server the tests use: the one DATABASE_URL names (the default is the local one). */
export function serverUrl(): string {
  return loadDatabaseConfig(process.env).url;
}

export async function withAdminClient<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: withDatabase(serverUrl(), 'postgres'), application_name: 'sg-test-support' });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** `<prefix>_<unix seconds>_<random>`: the creation time in the name is what stale cleanup reads. */
export function newDatabaseName(prefix: 'sg_test' | 'sg_template'): string {
  return `${prefix}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`;
}

export async function dropDatabase(client: Client, name: string): Promise<void> {
  // FORCE: a test that failed half-way may have left a connection open.
  await client.query(`DROP DATABASE IF EXISTS ${escapeIdentifier(name)} WITH (FORCE)`);
}

/**
 * Drops what crashed or interrupted runs left behind. Only old ones: another run (a colleague's,
 * in the same checkout) may be using its fresh databases right now.
 */
export async function dropStaleDatabases(client: Client): Promise<string[]> {
  const { rows } = await client.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname ~ '^sg_(test|template)_[0-9]+_[0-9a-f]+$'`,
  );
  const now = Date.now() / 1000;
  const stale = rows
    .map((row) => row.datname)
    .filter((name) => now - Number(name.split('_')[2]) > STALE_AFTER_SECONDS);
  for (const name of stale) await dropDatabase(client, name);
  return stale;
}
