import { Client } from 'pg';
import { createDataSource } from '../../../libs/infra/src/database/data-source';
import { DEFAULT_SERVICE_ROLE, servicePrivilegesSql } from '../../../libs/infra/src/database/privileges';
import { PostgresEventStore } from '../../../libs/infra/src/event-store/postgres-event-store';
import { metadataFor, ruleAdded, uniqueId } from '../../support/event-store-fixtures';
import { createTestDatabase, type TestDatabase } from '../../support/test-database';

/**
 * Least privilege in Postgres (docs/reliability.md): the services connect as sg_app, which may
 * read and append events and write the other tables, and nothing else. Even with the services'
 * own credentials, history cannot be rewritten: no UPDATE, DELETE or TRUNCATE of an event, no
 * disabling of the append-only trigger, no DDL.
 */
describe('the service role', () => {
  let db: TestDatabase;
  let service: Client;
  const streamId = uniqueId('sg');

  beforeAll(async () => {
    db = await createTestDatabase();
    service = new Client({ connectionString: db.serviceUrl });
    await service.connect();
  });
  afterAll(async () => {
    await service?.end();
    await db?.drop();
  });

  const refused = (sql: string, params: unknown[] = []) => expect(service.query(sql, params)).rejects.toMatchObject({ code: expect.stringMatching(/^(42501|42P01)$/) });

  it('is who the services are: a login role, no superuser, no role or database creation', async () => {
    const [me] = (await service.query(`SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles WHERE rolname = current_user`)).rows;
    expect(me).toEqual({ name: DEFAULT_SERVICE_ROLE, rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolbypassrls: false });
  });

  it('appends and reads events through the event store', async () => {
    const ds = await createDataSource({ url: db.serviceUrl }, { poolSize: 2 }).initialize();
    try {
      const store = new PostgresEventStore(ds);
      await store.append(streamId, 'security-group', 'no-stream', [ruleAdded('sgr-1', 22)], metadataFor('demo'));
      expect((await store.readStream(streamId)).map((e) => e.data)).toEqual([expect.objectContaining({ ruleId: 'sgr-1', port: 22 })]);
    } finally {
      await ds.destroy();
    }
  });

  it.each([
    ['UPDATE an event', `UPDATE events SET data = '{"port": 3389}' WHERE stream_id = $1`, true],
    ['DELETE an event', `DELETE FROM events WHERE stream_id = $1`, true],
    ['TRUNCATE events', `TRUNCATE events`, false],
    ['disable the append-only trigger', `ALTER TABLE events DISABLE TRIGGER events_append_only`, false],
    ['disable every trigger', `ALTER TABLE events DISABLE TRIGGER ALL`, false],
    ['drop the trigger', `DROP TRIGGER events_append_only ON events`, false],
    ['replace the trigger function', `CREATE OR REPLACE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$`, false],
    ['skip triggers for the session', `SET session_replication_role = replica`, false],
    ['drop the events table', `DROP TABLE events`, false],
    ['add a trigger of its own', `CREATE TRIGGER mine BEFORE INSERT ON events FOR EACH ROW EXECUTE FUNCTION events_reject_change()`, false],
    ['create a table', `CREATE TABLE sneaky (id int)`, false],
    ['rewrite the migrations', `DELETE FROM migrations`, false],
    ['reset the event positions', `SELECT setval(pg_get_serial_sequence('events', 'position'), 1)`, false],
  ])('cannot %s; the history stays as it was', async (_what, sql, withStream) => {
    const before = (await db.dataSource.query(`SELECT position, data FROM events ORDER BY position`)) as unknown[];
    await refused(sql, withStream ? [streamId] : []);
    expect(await db.dataSource.query(`SELECT position, data FROM events ORDER BY position`)).toEqual(before);
    expect((await db.dataSource.query(`SELECT tgenabled FROM pg_trigger WHERE tgname = 'events_append_only'`))[0].tgenabled).toBe('O');
  });

  it('writes the tables the services own (read models, propagation state, idempotency records)', async () => {
    await service.query(`UPDATE rm_vpcs SET name = name WHERE false`);
    await service.query(`INSERT INTO hypervisor_states (hypervisor_id) VALUES ('hv-role') ON CONFLICT DO NOTHING`);
    await service.query(`DELETE FROM hypervisor_states WHERE hypervisor_id = 'hv-role'`);
    await service.query(`DELETE FROM idempotency_keys WHERE false`);
    expect((await service.query(`SELECT count(*)::int AS n FROM migrations`)).rows[0].n).toBeGreaterThan(0);
  });

  it('gets the same on tables and functions a later migration adds (another branch\'s, say), once the grants run after it', async () => {
    await db.dataSource.query(`CREATE TABLE later_stream_heads (stream_id text PRIMARY KEY, version int NOT NULL)`);
    await db.dataSource.query(`CREATE FUNCTION later_append(s text) RETURNS void LANGUAGE plpgsql AS $$ BEGIN INSERT INTO later_stream_heads VALUES (s, 1); END $$`);
    // ALTER DEFAULT PRIVILEGES already covers the owner's new objects…
    await service.query(`SELECT later_append('a')`);
    expect((await service.query(`SELECT count(*)::int AS n FROM later_stream_heads`)).rows[0].n).toBe(1);
    // …and the grant step that follows every migration keeps events protected whatever came before.
    await db.dataSource.query(`GRANT ALL ON events TO ${DEFAULT_SERVICE_ROLE}`);
    for (const statement of servicePrivilegesSql(DEFAULT_SERVICE_ROLE)) await db.dataSource.query(statement);
    await refused(`UPDATE events SET data = data WHERE stream_id = $1`, [streamId]);
    await refused(`TRUNCATE events`);
  });
});
