import 'reflect-metadata';
import { cpus } from 'node:os';
import { createDataSource, createEventStore, ensureDatabase, loadAppConfig, runMigrations, withDatabase, loadDatabaseConfig } from '@sg/infra';
import { FeedCheckpoint } from '@sg/application';
import { createApi } from '../apps/api/src/create-api';
import { measure, printTable } from './harness';

/**
 * `npm run bench`: how fast the write path and the feed are, each beside the same machine's
 * baseline for comparable raw work, so the figures mean something on any machine.
 * Uses its own database (security_groups_bench), recreated on every run.
 */
async function main(): Promise<void> {
  const url = withDatabase(loadDatabaseConfig(process.env).url, 'security_groups_bench');
  await ensureDatabase(url);
  const ds = await createDataSource({ url }, { poolSize: 20 }).initialize();
  await ds.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  await ds.destroy();
  await runMigrations({ url });
  const db = await createDataSource({ url }, { poolSize: 20 }).initialize();
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);

  // 1. Appends: the event store (locks, version check, events + inline read models) vs a bare INSERT in a transaction.
  await db.query(`CREATE TABLE bench_raw (id bigserial primary key, stream text, data jsonb)`);
  const store = createEventStore(db);
  const meta = { actor: 'bench', tenant: 'bench' };
  const N = 2000;
  const rows = [];
  for (const concurrency of [1, 16]) {
    const subject = await measure(`append (c=${concurrency})`, N, concurrency, (i) =>
      store.append(`bench-${concurrency}-${i}`, 'bench', 'no-stream', [{ type: 'bench.happened', data: { i, payload: 'x'.repeat(200) } }], meta),
    );
    const baseline = await measure(`raw INSERT (c=${concurrency})`, N, concurrency, (i) =>
      db.transaction((tx) => tx.query(`INSERT INTO bench_raw (stream, data) VALUES ($1, $2)`, [`s-${i}`, JSON.stringify({ i, payload: 'x'.repeat(200) })])),
    );
    rows.push({ subject, baseline });
  }
  // 2. The feed: commit-order pages (transaction-id watermark) vs plain position-ordered pages.
  const pages = Math.floor(4000 / 500);
  let checkpoint: FeedCheckpoint | string = '0';
  const feed = await measure('readAll page of 500', pages, 1, async () => {
    const r = await store.readAll({ after: checkpoint, limit: 500 });
    checkpoint = r.checkpoint;
  });
  let last = 0;
  const plain = await measure('SELECT … ORDER BY position LIMIT 500', pages, 1, async () => {
    const r = await db.query(`SELECT * FROM events WHERE position > $1 ORDER BY position LIMIT 500`, [last]);
    last = Number(r[r.length - 1]?.position ?? last);
  });
  rows.push({ subject: feed, baseline: plain });
  printTable('Event store (Postgres, this machine)', rows);

  // 3. The HTTP write path: adding a rule (validate, load, decide, append, read back) vs GET /health.
  const api = await createApi(loadAppConfig({ DATABASE_URL: url, API_KEYS: 'bench-member-key:bench:member', PORT: '0', LIMIT_RULES_PER_GROUP: '1000', RATE_LIMIT_PER_SECOND: '0' }), { logger: ['error'] });
  await api.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(api.getHttpServer().address() as { port: number }).port}`;
  const auth = { authorization: 'Bearer bench-member-key', 'content-type': 'application/json' };
  const vpc = (await (await fetch(`${base}/v1/vpcs`, { method: 'POST', headers: auth, body: JSON.stringify({ name: 'bench' }) })).json()) as { id: string };
  const groups: string[] = [];
  for (let g = 0; g < 8; g++) {
    const res = (await (await fetch(`${base}/v1/security-groups`, { method: 'POST', headers: auth, body: JSON.stringify({ vpcId: vpc.id }) })).json()) as { id: string };
    groups.push(res.id);
  }
  const R = 800;
  const addRule = await measure('POST …/rules (8 groups, c=8)', R, 8, async (i) => {
    const res = await fetch(`${base}/v1/security-groups/${groups[i % 8]}/rules`, {
      method: 'POST', headers: auth, body: JSON.stringify({ rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(1000 + Math.floor(i / 8)), remote: 'all-ipv4' }] }),
    });
    if (res.status !== 202) throw new Error(`add rule answered ${res.status}: ${await res.text()}`);
  });
  const health = await measure('GET /health (c=8)', R, 8, async () => {
    await (await fetch(`${base}/health`)).text();
  });
  const oneGroup = await measure('POST …/rules (1 group, c=8)', 190, 8, async (i) => {
    const res = await fetch(`${base}/v1/security-groups/${groups[0]}/rules`, {
      method: 'POST', headers: auth, body: JSON.stringify({ rules: [{ direction: 'outbound', protocol: 'udp', ports: String(2000 + i), remote: 'all-ipv4' }] }),
    });
    if (res.status !== 202) throw new Error(`add rule answered ${res.status}: ${await res.text()}`);
  });
  // A burst: 200 changes to one fresh group, 20 clients at a time, as the propagation e2e test sends them.
  const burstGroup = ((await (await fetch(`${base}/v1/security-groups`, { method: 'POST', headers: auth, body: JSON.stringify({ vpcId: vpc.id }) })).json()) as { id: string }).id;
  const burst = await measure('burst: 200 × POST …/rules (1 group, c=20)', 200, 20, async (i) => {
    const res = await fetch(`${base}/v1/security-groups/${burstGroup}/rules`, {
      method: 'POST', headers: auth, body: JSON.stringify({ rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(10_000 + i), remote: '198.51.100.0/24' }] }),
    });
    if (res.status !== 202) throw new Error(`add rule answered ${res.status}: ${await res.text()}`);
  });
  const health20 = await measure('GET /health (c=20)', 200, 20, async () => {
    await (await fetch(`${base}/health`)).text();
  });
  printTable('API over HTTP (in-process, loopback)', [
    { subject: addRule, baseline: health },
    { subject: oneGroup, baseline: health },
    { subject: burst, baseline: health20 },
  ]);
  console.log(`\nburst: 200 changes to one group accepted in ${(burst.seconds * 1000).toFixed(0)} ms (200 GETs of /health: ${(health20.seconds * 1000).toFixed(0)} ms)`);
  await api.close();
  await db.destroy();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
