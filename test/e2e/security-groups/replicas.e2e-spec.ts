import { randomBytes } from 'node:crypto';
import { client, TEST_API_KEYS } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';
import { createTestDatabase, TestDatabase } from '../../support/test-database';
import { spawnApi, stopAllWorkers } from '../../support/worker-process';

/**
 * Two API replicas on one database, as deployed behind a load balancer. Each batches the changes
 * it receives for a group; the batches of the two clash on the group's version and are decided
 * again, so concurrent writers through either replica never lose each other's changes.
 */
describe('two API replicas writing to one group', () => {
  let db: TestDatabase;
  let urls: string[];

  beforeAll(async () => {
    db = await createTestDatabase();
    const env = { DATABASE_URL: db.url, API_KEYS: TEST_API_KEYS, QUEUE_PREFIX: `sgtest-${randomBytes(4).toString('hex')}` };
    urls = [(await spawnApi(env)).url!, (await spawnApi(env)).url!];
  });
  afterAll(async () => {
    await stopAllWorkers();
    await db.drop();
  });

  it('100 concurrent additions spread over both replicas all land, each version once', async () => {
    const [a, b] = urls.map((url) => client(url));
    const g = await createVpcWithGroup(a);
    const ports = Array.from({ length: 100 }, (_, i) => 40_000 + i);
    const replies = await Promise.all(
      ports.map((port, i) => (i % 2 ? b : a).post(`/v1/security-groups/${g.id}/rules`, { rules: [{ direction: 'inbound', protocol: 'tcp', ports: port }] })),
    );
    expect(replies.filter((r) => r.status !== 202).map((r) => r.body)).toEqual([]);
    expect(replies.map((r) => r.body.version).sort((x, y) => x - y)).toEqual(ports.map((_, i) => g.version + 1 + i));
    const group = (await b.get(`/v1/security-groups/${g.id}`)).body;
    expect(group.inboundRules.map((r: { portRange: { from: number } }) => r.portRange.from).sort()).toEqual(ports);
    const [{ n }] = await db.dataSource.query(`SELECT count(DISTINCT transaction_id)::int AS n FROM events WHERE stream_id = $1 AND version > $2`, [g.id, g.version]);
    console.log(`100 additions through two replicas were written in ${n} transactions`);
  });
});
