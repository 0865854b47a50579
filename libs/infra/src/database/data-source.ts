import { DataSource } from 'typeorm';
import type { DatabaseConfig } from './database.config';
import { MIGRATIONS } from './migrations';
import { DEFAULT_SERVICE_ROLE, servicePrivilegesSql } from './privileges';

export interface DataSourceOptions {
  /** Shown in pg_stat_activity, which is where one looks first when a connection misbehaves. */
  readonly applicationName?: string;
  /** Connections in the pool; every append holds one for its whole transaction. */
  readonly poolSize?: number;
}

/**
 * The one way this code base connects to Postgres. The schema is owned by migrations only; the
 * event store speaks raw SQL, so no entities are registered.
 */
export function createDataSource(config: DatabaseConfig, options: DataSourceOptions = {}): DataSource {
  return new DataSource({
    type: 'postgres',
    url: config.url,
    applicationName: options.applicationName ?? 'security-groups',
    poolSize: options.poolSize ?? 10,
    synchronize: false,
    migrationsRun: false,
    // Classes, not a glob: the build emits JavaScript into dist/, where a *.ts glob finds nothing.
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'all',
    entities: [],
    // Failed queries surface as exceptions to whoever handles them; logging them here as well
    // would report every expected version clash as an error.
    logging: false,
  });
}

export interface MigrateOptions {
  /**
   * The role the services connect as, granted what they need and no more after the migrations
   * (servicePrivilegesSql: every table, including ones later migrations add); null: no grants.
   */
  serviceRole?: string | null;
}

/** Applies pending migrations, then the service role's privileges; returns the names of the migrations it applied. */
export async function runMigrations(config: DatabaseConfig, options: MigrateOptions = {}): Promise<string[]> {
  const dataSource = await createDataSource(config, { applicationName: 'security-groups-migrate', poolSize: 1 }).initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'all' });
    const role = options.serviceRole === undefined ? DEFAULT_SERVICE_ROLE : options.serviceRole;
    if (role !== null) {
      // Another migration of another database of the server may touch the shared role at the same moment: try again.
      for (let attempt = 1; ; attempt++) {
        try {
          await dataSource.transaction(async (tx) => {
            for (const statement of servicePrivilegesSql(role)) await tx.query(statement);
          });
          break;
        } catch (error) {
          const concurrent = /concurrently|deadlock|could not serialize/i.test((error as Error).message);
          if (!concurrent || attempt >= 10) throw error;
          await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        }
      }
    }
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

export interface MigrationStatus {
  name: string;
  applied: boolean;
}

/** Every migration this build knows, oldest first, and whether the database has it. */
export async function migrationStatus(config: DatabaseConfig): Promise<MigrationStatus[]> {
  const dataSource = await createDataSource(config, { applicationName: 'security-groups-migrate', poolSize: 1 }).initialize();
  try {
    const table: { exists: boolean }[] = await dataSource.query(`SELECT to_regclass('migrations') IS NOT NULL AS exists`);
    const applied = new Set<string>(table[0].exists ? (await dataSource.query(`SELECT name FROM migrations`)).map((r: { name: string }) => r.name) : []);
    return dataSource.migrations.map((m) => ({ name: m.name!, applied: applied.has(m.name!) }));
  } finally {
    await dataSource.destroy();
  }
}

/** Undoes the most recently applied migration (its `down`, in one transaction); returns its name, or null when none is applied. */
export async function revertLastMigration(config: DatabaseConfig): Promise<string | null> {
  const before = (await migrationStatus(config)).filter((m) => m.applied);
  if (before.length === 0) return null;
  const dataSource = await createDataSource(config, { applicationName: 'security-groups-migrate', poolSize: 1 }).initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
  const after = new Set((await migrationStatus(config)).filter((m) => m.applied).map((m) => m.name));
  return before.find((m) => !after.has(m.name))?.name ?? null;
}
