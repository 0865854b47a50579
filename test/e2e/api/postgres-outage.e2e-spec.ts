import { loadAppConfig } from '../../../libs/infra/src/config/app-config';
import { createApi } from '../../../apps/api/src/create-api';
import type { INestApplication } from '@nestjs/common';
import { client, Client, TEST_API_KEYS } from '../../support/api';
import { eventually } from '../../support/system';
import { proxyToDatabase, TcpProxy } from '../../support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/**
 * Postgres going away under a running API (the /v1 contract: "unavailable 503: Postgres or Redis
 * unreachable; nothing was written"). The API reaches the test's database through a proxy the
 * test cuts and restores; the shared Postgres server is never touched.
 */
describe('the API while Postgres is unreachable', () => {
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: INestApplication;
  let http: Client;

  beforeAll(async () => {
    db = await createTestDatabase();
    const proxied = await proxyToDatabase(db.url);
    proxy = proxied.proxy;
    app = await createApi(loadAppConfig({ DATABASE_URL: proxied.url, API_KEYS: TEST_API_KEYS, PORT: '0', RATE_LIMIT_PER_SECOND: '0', RATE_LIMIT_CONCURRENT: '0' }), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    http = client(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
  });
  afterAll(async () => {
    await app.close();
    await proxy.close();
    await db.drop();
  });

  it('answers 503 unavailable (problem+json) for reads and writes, writes nothing, and recovers when Postgres is back', async () => {
    const before = await http.post('/v1/vpcs', { name: 'before' });
    expect(before.status).toBe(201);
    const count = async () => (await db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
    const eventsBefore = await count();

    await proxy.cut();
    for (const res of [await http.post('/v1/vpcs', { name: 'during' }), await http.get('/v1/vpcs'), await http.get(`/v1/vpcs/${before.body.id}`)]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ type: 'unavailable', status: 503 });
    }
    const ready = await http.get('/health/ready');
    expect(ready.status).toBe(503);
    // Anyone but an operator sees the statuses alone; an operator also the errors (which name addresses).
    expect(ready.body.checks.postgres).toEqual({ status: 'down' });
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|ECONN|detail/);
    const forOperator = await http.as('operator').get('/health/ready');
    expect(forOperator.body.checks.postgres).toEqual({ status: 'down', detail: expect.any(String) });
    expect((await http.get('/health')).status).toBe(200);
    expect(await count()).toBe(eventsBefore);

    await proxy.restore();
    const after = await eventually('the API to reach Postgres again', async () => {
      const res = await http.post('/v1/vpcs', { name: 'after' });
      return res.status === 201 ? res : undefined;
    });
    expect(after.body.name).toBe('after');
    expect((await http.get('/v1/vpcs')).body.map((v: { name: string }) => v.name).sort()).toEqual(['after', 'before']);
  });
});
