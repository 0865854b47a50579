import { Client, escapeIdentifier } from 'pg';
import { databaseNameOf, withDatabase } from './database.config';

const DUPLICATE_DATABASE = '42P04';

/** Whether the database `url` points at exists (asked of the server's `postgres` database). */
export async function databaseExists(url: string): Promise<boolean> {
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseNameOf(url)])).rowCount !== 0;
  } finally {
    await client.end();
  }
}

/**
 * Creates the database `url` points at when it does not exist yet, by connecting to the server's
 * `postgres` database. Returns whether it created it. Safe to run from several processes at once.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const name = databaseNameOf(url);
  const client = new Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    try {
      await client.query(`CREATE DATABASE ${escapeIdentifier(name)}`);
      return true;
    } catch (error) {
      // Another process won the race; the database is there, which is all we wanted.
      if ((error as { code?: string }).code === DUPLICATE_DATABASE) return false;
      throw error;
    }
  } finally {
    await client.end();
  }
}
