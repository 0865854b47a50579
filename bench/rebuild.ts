import { loadAppConfig, createDataSource, createEventStore, ensureDatabase, runMigrations, withDatabase } from '@sg/infra';
import type { FeedCheckpoint } from '@sg/application';
import { createApi } from '../apps/api/src/create-api';
import { agentCredential, DEV_AGENT_TOKEN } from '@sg/protocol';
import { apiEnv, expectStatus, http } from './api';
import { measure, printTable, rate, round } from './harness';
import type { BenchOptions } from './run';

/** Ids as the system makes them (`sg-…`, `i-…`, `hv-1`), quoted whole in an event's JSON. */
const QUOTED_ID = `"((vpc|sgr|sg|op|i|hv)-[0-9a-z]+)"`;
const STREAM_ID = `((vpc|sgr|sg|op|i|hv)-[0-9a-z]+)$`;

/**
 * Replay: a history of real events (a tenant's VPC, instances, groups, rule changes, written
 * through the API), copied with fresh ids until the store holds `events` events; then the feed
 * read end to end (`readAll`, pages of 1,000) and `projections:rebuild` (every read model emptied
 * and refilled from every event, in one transaction).
 */
export async function measureRebuild(options: BenchOptions) {
  const target = options.quick ? 30_000 : 1_000_000;
  const url = withDatabase(options.url, `${new URL(options.url).pathname.slice(1)}_rebuild`);
  await ensureDatabase(url);
  const admin = await createDataSource({ url }, { poolSize: 2 }).initialize();
  await admin.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  await runMigrations({ url });
  const templateStarted = Date.now();
  const template = await writeTemplate(url);
  const templateSeconds = (Date.now() - templateStarted) / 1000;

  const [{ count }] = (await admin.query(`SELECT count(*)::int AS count FROM events`)) as { count: number }[];
  const copies = Math.ceil(target / count) - 1;
  const loadStarted = Date.now();
  for (let k = 1; k <= copies; k += 20) {
    const last = Math.min(copies, k + 19);
    await admin.query(
      `INSERT INTO events (stream_id, stream_type, version, type, schema_version, data, metadata, tenant, recorded_at)
       SELECT regexp_replace(e.stream_id, '${STREAM_ID}', '\\1-' || k), e.stream_type, e.version, e.type, e.schema_version,
              regexp_replace(e.data::text, '${QUOTED_ID}', '"\\1-' || k || '"', 'g')::jsonb, e.metadata, e.tenant, e.recorded_at
         FROM generate_series($1::int, $2::int) AS k, (SELECT * FROM events WHERE position <= $3 ORDER BY position) AS e
        ORDER BY k, e.position`,
      [k, last, template.lastPosition],
    );
  }
  const [{ total }] = (await admin.query(`SELECT count(*)::int AS total FROM events`)) as { total: number }[];
  await admin.query(`VACUUM ANALYZE events`);
  const loadSeconds = (Date.now() - loadStarted) / 1000;

  const ds = await createDataSource({ url }, { poolSize: 4 }).initialize();
  const store = createEventStore(ds);
  let checkpoint: FeedCheckpoint | string = '0';
  let read = 0;
  const readAll = await measure('readAll', 1, 1, async () => {
    for (;;) {
      const page = await store.readAll({ after: checkpoint, limit: 1000 });
      if (page.events.length === 0) break;
      read += page.events.length;
      checkpoint = page.checkpoint;
    }
  });
  let rebuilt = 0;
  const rebuild = await measure('rebuild', 1, 1, async () => {
    rebuilt = (await store.rebuildReadModels()).events;
  });
  // The ceiling: the same rows read raw, in the same order, by a bare SELECT of the same page size.
  // (Qualified ORDER BY: the bare names are the text aliases, which sorted the whole table as text
  // on every page: 1,978 rows/s over 1,000,000 events on 2026-12-03.)
  // (At most 200,000 rows: a rate, not the whole store, to keep the full run's length down.)
  let rawRead = 0;
  const raw = await measure('raw SELECT', 1, 1, async () => {
    let after = { t: '0', p: '0' };
    while (rawRead < 200_000) {
      const rows = (await ds.query(
        `SELECT position::text AS position, transaction_id::text AS transaction_id, data FROM events
          WHERE (transaction_id, position) > ($1::text::xid8, $2::bigint) ORDER BY events.transaction_id, events.position LIMIT 1000`,
        [after.t, after.p],
      )) as { position: string; transaction_id: string }[];
      if (rows.length === 0) break;
      rawRead += rows.length;
      after = { t: rows[rows.length - 1].transaction_id, p: rows[rows.length - 1].position };
    }
  });
  await store.close();
  await ds.destroy();
  await admin.destroy();

  const readRate = read / readAll.seconds;
  const rebuildRate = rebuilt / rebuild.seconds;
  const rawRate = rawRead / raw.seconds;
  options.notes.push(
    ...printTable(
      `Replay of ${total.toLocaleString('en')} events${options.quick ? ' (quick mode: the full run uses 1,000,000)' : ''}; a template of ${count} real events copied ${copies}× (written in ${templateSeconds.toFixed(0)} s, copied in ${loadSeconds.toFixed(0)} s)`,
      ['what', 'events', 'seconds', 'events/s', 'ceiling: bare SELECT of the same pages'],
      [
        ['readAll, pages of 1,000 (decoded, upcast)', read, readAll.seconds.toFixed(1), rate(readRate), rate(rawRate)],
        ['projections:rebuild (every read model)', rebuilt, rebuild.seconds.toFixed(1), rate(rebuildRate), rate(rawRate)],
      ],
    ),
  );
  return {
    rebuild: { eventsPerSecond: round(rebuildRate), events: rebuilt, seconds: round(rebuild.seconds, 1), templateSeconds: round(templateSeconds, 1), loadSeconds: round(loadSeconds, 1) },
    readAll: { eventsPerSecond: round(readRate), events: read, rawSelectPerSecond: round(rawRate) },
  };
}

/** A small real history, written through the API (in this process, no worker: operations stay queued). */
async function writeTemplate(url: string): Promise<{ lastPosition: string }> {
  const app = await createApi(loadAppConfig({ ...apiEnv(url), PORT: '0' }), { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  try {
    const h = http(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
    for (let hv = 1; hv <= 4; hv++) {
      // Only an agent registers its hypervisor, with its own credential.
      const r = await h.call('PUT', `/v1/hypervisors/hv-${hv}`, { agentUrl: `http://127.0.0.1:${7000 + hv}` }, agentCredential(DEV_AGENT_TOKEN, `hv-${hv}`));
      if (r.status !== 200 && r.status !== 201) throw new Error(`PUT /v1/hypervisors answered ${r.status}: ${JSON.stringify(r.body)}`);
    }
    const vpc = await expectStatus<{ id: string }>('POST /v1/vpcs', 201, h.call('POST', '/v1/vpcs', { name: 'replay', cidr: '10.30.0.0/16' }));
    const instances: string[] = [];
    for (let i = 0; i < 20; i++) {
      instances.push((await expectStatus<{ id: string }>('POST /v1/instances', 201, h.call('POST', '/v1/instances', { name: `gpu-${i}`, vpcId: vpc.id, hypervisorId: `hv-${1 + (i % 4)}`, ipv4: `10.30.0.${i + 1}` }))).id);
    }
    // The ten groups' rule changes are sent side by side (each group's in order): the history
    // interleaves them as concurrent clients would, and it is written in a fraction of the time.
    await Promise.all(
      Array.from({ length: 10 }, async (_, g) => {
        const group = await expectStatus<{ id: string }>('POST group', 201, h.call('POST', '/v1/security-groups', { vpcId: vpc.id, applyTo: { instanceIds: instances.slice(g, g + 4) } }));
        for (let r = 0; r < 20; r++) {
          await expectStatus('POST rules', 202, h.call('POST', `/v1/security-groups/${group.id}/rules`, { rules: [{ direction: r % 2 ? 'inbound' : 'outbound', protocol: 'tcp', ports: String(1000 + r), remote: `198.51.100.${r}` }] }));
        }
      }),
    );
    const ds = await createDataSource({ url }, { poolSize: 1 }).initialize();
    const [{ last }] = (await ds.query(`SELECT max(position)::text AS last FROM events`)) as { last: string }[];
    await ds.destroy();
    return { lastPosition: last };
  } finally {
    await app.close();
  }
}
