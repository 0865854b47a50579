// A relative path, not @sg/config: Jest's global setup loads this file without the path aliases.
import { ConfigurationError } from '../../../config/src/configuration-error';

// Moved to libs/config (shared with the agent); still exported here for the API and the worker.
export { ConfigurationError };

/** Where the event store and the read models live. */
export interface DatabaseConfig {
  readonly url: string;
}

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/security_groups';

/**
 * Builds the database settings from an environment object. The caller passes the environment in
 * (the process's at start-up, a literal in tests) so that nothing else reads `process.env`.
 */
export function loadDatabaseConfig(env: Readonly<Record<string, string | undefined>>): DatabaseConfig {
  const raw = env.DATABASE_URL;
  if (raw === undefined) return { url: DEFAULT_DATABASE_URL };
  return { url: parseDatabaseUrl(raw.trim()) };
}

function parseDatabaseUrl(raw: string): string {
  const expected = 'expected postgres://user[:password]@host[:port]/database';
  // An empty value is more often a broken deployment template than a wish for the default.
  if (raw === '') throw new ConfigurationError('DATABASE_URL', `is empty; ${expected}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError('DATABASE_URL', `is not a URL (${redact(raw)}); ${expected}`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigurationError('DATABASE_URL', `has scheme "${url.protocol.replace(/:$/, '')}"; ${expected}`);
  }
  if (url.hostname === '') throw new ConfigurationError('DATABASE_URL', `names no host; ${expected}`);
  if (databaseNameOf(url) === '') throw new ConfigurationError('DATABASE_URL', `names no database; ${expected}`);
  return raw;
}

/** The database a postgres URL points at (decoded), or '' when it names none. */
export function databaseNameOf(url: URL | string): string {
  const parsed = typeof url === 'string' ? new URL(url) : url;
  return decodeURIComponent(parsed.pathname.replace(/^\//, ''));
}

/** The same server and credentials, another database: used to create and drop databases. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** Error messages end up in logs: never print a password. */
export function redact(raw: string): string {
  return raw.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
