import { Client, escapeIdentifier } from 'pg';
import { migrationStatus, revertLastMigration, runMigrations } from '../../../libs/infra/src/database/data-source';
import { withDatabase } from '../../../libs/infra/src/database/database.config';
import { MIGRATIONS } from '../../../libs/infra/src/database/migrations';
import { dropDatabase, newDatabaseName, serverUrl, withAdminClient } from '../../support/databases';

/** `npm run migrate -- status | revert` on an empty database of its own: up, down and up again. */
describe('migrations: status and revert', () => {
  const name = newDatabaseName('sg_test');
  const config = { url: withDatabase(serverUrl(), name) };

  beforeAll(() => withAdminClient((client) => client.query(`CREATE DATABASE ${escapeIdentifier(name)}`)));
  afterAll(() => withAdminClient((client) => dropDatabase(client, name)));

  const names = MIGRATIONS.map((m) => new m().name);
  const tableExists = async (table: string): Promise<boolean> => {
    const client = new Client({ connectionString: config.url });
    await client.connect();
    try {
      return (await client.query(`SELECT to_regclass($1) IS NOT NULL AS exists`, [table])).rows[0].exists;
    } finally {
      await client.end();
    }
  };

  it('lists every migration as pending on an empty database, then as applied', async () => {
    expect(await migrationStatus(config)).toEqual(names.map((n) => ({ name: n, applied: false })));
    expect(await runMigrations(config)).toEqual(names);
    expect(await migrationStatus(config)).toEqual(names.map((n) => ({ name: n, applied: true })));
  });

  it('reverts the latest migration alone, which can then be applied again', async () => {
    const latest = names[names.length - 1];
    expect(await revertLastMigration(config)).toBe(latest);
    expect(await migrationStatus(config)).toEqual(names.map((n) => ({ name: n, applied: n !== latest })));
    expect(await runMigrations(config)).toEqual([latest]);
    expect((await migrationStatus(config)).every((m) => m.applied)).toBe(true);
  });

  it('reverts every migration down to an empty schema, and says so when nothing is left', async () => {
    for (const expected of [...names].reverse()) expect(await revertLastMigration(config)).toBe(expected);
    expect(await revertLastMigration(config)).toBeNull();
    expect(await tableExists('events')).toBe(false);
    expect(await tableExists('rm_security_groups')).toBe(false);
    expect(await runMigrations(config)).toEqual(names);
  });
});
