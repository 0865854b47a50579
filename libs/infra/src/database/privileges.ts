import { escapeIdentifier } from 'pg';
import { ConfigurationError } from './database.config';

/** The role the API and the worker connect as (`npm start`, the tests); migrations run as the owner. */
export const DEFAULT_SERVICE_ROLE = 'sg_app';

/**
 * Tables the services may only read and append to: the history. Every other table of the schema
 * (read models, idempotency records, checkpoints, propagation state, and whatever later
 * migrations add) is the services' own to write.
 */
export const APPEND_ONLY_TABLES = ['events'] as const;
/** Tables the services may only read. */
export const READ_ONLY_TABLES = ['migrations'] as const;

const ROLE = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Least privilege in Postgres (docs/reliability.md): run by the owner after every migration, so
 * tables and functions added by any migration are covered (and by ALTER DEFAULT PRIVILEGES, for
 * the owner's objects created later by hand). The service role:
 * - logs in, is no superuser, creates no database, role or object (no CREATE on the schema);
 * - may SELECT and INSERT on `events` and nothing else there: no UPDATE, DELETE, TRUNCATE,
 *   TRIGGER or REFERENCES, and as it owns no table it cannot ALTER one (disable the append-only
 *   trigger) or drop it;
 * - may SELECT on `migrations` only;
 * - may read and write every other table, use the sequences (nextval, not setval) and execute
 *   the functions.
 * Idempotent; returns the statements it ran.
 */
export function servicePrivilegesSql(role: string): string[] {
  if (!ROLE.test(role)) throw new ConfigurationError('DATABASE_SERVICE_ROLE', `must be a lower-case Postgres role name (letters, digits, "_"), got "${role}"`);
  const r = escapeIdentifier(role);
  const protectedTables = [...APPEND_ONLY_TABLES, ...READ_ONLY_TABLES].map((t) => escapeIdentifier(t));
  return [
    // Roles are shared by every database of the server: two migrations at once may both create it.
    // Both only when needed: roles live in a catalog every database of the server shares, where two
    // runs at once (test tiers, worktrees) would otherwise update the same row ("tuple concurrently
    // updated"); runMigrations retries the step when they still meet.
    `DO $$ BEGIN
       IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}') THEN
         CREATE ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
       END IF;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
     END $$`,
    `DO $$ BEGIN
       IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${role}' AND (rolsuper OR rolcreatedb OR rolcreaterole OR rolreplication OR rolbypassrls OR NOT rolcanlogin)) THEN
         ALTER ROLE ${r} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
       END IF;
     END $$`,
    `REVOKE CREATE ON SCHEMA public FROM PUBLIC`,
    `REVOKE CREATE ON SCHEMA public FROM ${r}`,
    `GRANT USAGE ON SCHEMA public TO ${r}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO ${r}`,
    `REVOKE ALL ON ${protectedTables.join(', ')} FROM ${r}`,
    `GRANT SELECT, INSERT ON ${APPEND_ONLY_TABLES.map((t) => escapeIdentifier(t)).join(', ')} TO ${r}`,
    `GRANT SELECT ON ${READ_ONLY_TABLES.map((t) => escapeIdentifier(t)).join(', ')} TO ${r}`,
    `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${r}`,
    `GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA public TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${r}`,
    `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO ${r}`,
  ];
}

/** The same database as `ownerUrl`, as the service role (no password: trust or a password of the deployment's). */
export function serviceUrl(ownerUrl: string, role: string = DEFAULT_SERVICE_ROLE, password?: string): string {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password ?? '';
  return url.toString();
}
