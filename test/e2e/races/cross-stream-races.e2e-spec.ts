import type { INestApplication } from '@nestjs/common';
import { createApi } from '../../../apps/api/src/create-api';
import { loadAppConfig } from '../../../libs/infra/src/config/app-config';
import { client, Client, TEST_API_KEYS } from '../../support/api';
import { proxyToDatabase, TcpProxy } from '../../support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/**
 * Rules that span several streams, raced hard: each round fires conflicting requests at once and
 * checks that at most one of them won and that the read models agree. A decision that reads its
 * facts (the VPC's instances, its groups, who references a group) apart from the version it
 * appends against can let two writers both pass; these rounds make such a window show. The API
 * reaches Postgres through a proxy that holds each packet a random few milliseconds, as a network
 * would, so the requests of a round interleave differently every time.
 */
describe('races across streams', () => {
  const ROUNDS = 25;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: INestApplication;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    const proxied = await proxyToDatabase(db.url, { jitterMs: 8 });
    proxy = proxied.proxy;
    app = await createApi(loadAppConfig({ DATABASE_URL: proxied.url, API_KEYS: TEST_API_KEYS, PORT: '0' }), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    http = client(`http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`);
    expect((await http.as('operator').put('/v1/hypervisors/hv-1', { agentUrl: 'http://hv-1.example:7001' })).status).toBe(201);
    vpc = (await http.post('/v1/vpcs', { name: 'races', cidr: '10.0.0.0/16' })).body;
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  /** Starts a request after a random few milliseconds, so that its reads land at varying points of the others' writes. */
  const staggered = async <T>(send: () => Promise<T>, spreadMs = 15): Promise<T> => {
    await new Promise((resolve) => setTimeout(resolve, Math.random() * spreadMs));
    return send();
  };
  const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  const statuses = (replies: { status: number }[]) => replies.map((r) => r.status).sort();
  const register = (name: string, vpcId: string, extra: Record<string, unknown> = {}) =>
    http.post('/v1/instances', { name, vpcId, hypervisorId: 'hv-1', ...extra });
  const group = async (vpcId: string, name: string) => {
    const res = await http.post('/v1/security-groups', { vpcId, name });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  it('lets exactly one of two concurrent registrations take a free address, whenever the second one starts', async () => {
    // Readers keep the API's connection pool busy, as consoles polling it would: the reads of one
    // decision then wait for connections one by one and land further apart.
    let busy = true;
    const readers = Array.from({ length: 24 }, async () => {
      while (busy) await http.get(`/v1/security-groups?vpcId=${vpc.id}`);
    });
    try {
      // The window is the time between the first registration's reads and its commit: the second
      // one starts at offsets swept across a whole registration's time, so some rounds put its
      // reads right at the first one's commit, where a stale view of the VPC would let it pass.
      const times: number[] = [];
      for (const n of [1, 2, 3]) {
        const started = Date.now();
        expect((await register(`calibration-${n}`, vpc.id, { ipv4: `10.0.9.${n}` })).status).toBe(201);
        times.push(Date.now() - started);
      }
      const oneRegistrationMs = times.sort((a, b) => a - b)[1];
      const rounds = 80;
      for (let round = 0; round < rounds; round++) {
        const offset = (oneRegistrationMs * 1.5 * round) / rounds;
        const address = round % 2 === 0 ? { ipv4: `10.0.${10 + round}.9` } : { ipv6: `2001:db8::${(round + 1).toString(16)}` };
        const replies = await Promise.all([register(`first-${round}`, vpc.id, address), after(offset).then(() => register(`second-${round}`, vpc.id, address))]);
        expect([round, statuses(replies)]).toEqual([round, [201, 409]]);
        const holders = await query(`SELECT id FROM rm_instances WHERE vpc_id = $1 AND (ipv4 = $2 OR ipv6 = $3)`, [vpc.id, address.ipv4 ?? null, address.ipv6 ?? null]);
        expect([round, holders.length]).toEqual([round, 1]);
      }
    } finally {
      busy = false;
      await Promise.all(readers);
    }
  });

  it('never deletes a VPC while an instance is registered into it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const v = (await http.post('/v1/vpcs', { name: `gone-${round}` })).body;
      const [registered, deleted] = await Promise.all([staggered(() => register(`late-${round}`, v.id)), staggered(() => http.delete(`/v1/vpcs/${v.id}`))]);
      // Either the deletion came first (the registration finds no VPC) or the registration did (the VPC is not empty).
      const outcome = [registered.status, deleted.status];
      expect([[404, 204], [201, 409]]).toContainEqual(outcome);
      const orphans = await query(`SELECT i.id FROM rm_instances i LEFT JOIN rm_vpcs v ON v.id = i.vpc_id WHERE v.id IS NULL`);
      expect([round, orphans]).toEqual([round, []]);
    }
  });

  it('never deletes a VPC while a security group is created in it', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const v = (await http.post('/v1/vpcs', { name: `emptied-${round}` })).body;
      const [created, deleted] = await Promise.all([staggered(() => http.post('/v1/security-groups', { vpcId: v.id, name: 'late' })), staggered(() => http.delete(`/v1/vpcs/${v.id}`))]);
      expect([[404, 204], [201, 409]]).toContainEqual([created.status, deleted.status]);
      const orphans = await query(`SELECT g.id FROM rm_security_groups g LEFT JOIN rm_vpcs v ON v.id = g.vpc_id WHERE v.id IS NULL`);
      expect([round, orphans]).toEqual([round, []]);
    }
  });

  it('never leaves a deleted instance in a group it was being applied to', async () => {
    const g = await group(vpc.id, 'attach-race');
    for (let round = 0; round < ROUNDS; round++) {
      const instance = (await register(`doomed-${round}`, vpc.id)).body;
      const [applied, deleted] = await Promise.all([
        staggered(() => http.post(`/v1/security-groups/${g.id}/applied-to`, { instanceIds: [instance.id] })),
        staggered(() => http.delete(`/v1/instances/${instance.id}`)),
      ]);
      expect(deleted.status).toBe(202);
      // The attachment either came first (and the deletion detached it again) or found no instance.
      expect([202, 404]).toContain(applied.status);
      const dangling = await query(`SELECT a.instance_id FROM rm_applied_instances a LEFT JOIN rm_instances i ON i.id = a.instance_id WHERE i.id IS NULL`);
      expect([round, dangling]).toEqual([round, []]);
      expect((await http.get(`/v1/security-groups/${g.id}`)).body.appliedTo.instanceIds).not.toContain(instance.id);
    }
  });

  it('never deletes a group while a rule of another group starts naming it as its remote', async () => {
    const referrer = await group(vpc.id, 'referrer');
    for (let round = 0; round < ROUNDS; round++) {
      const target = await group(vpc.id, `target-${round}`);
      const [added, deleted] = await Promise.all([
        staggered(() =>
          http.post(`/v1/security-groups/${referrer.id}/rules`, {
            rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(1000 + round), ipVersion: 'IPv4', remote: { group: target.id } }],
          }),
        ),
        staggered(() => http.delete(`/v1/security-groups/${target.id}`)),
      ]);
      // Either the deletion came first (the rule names no group: 400/404) or the rule did (the group is referenced: 409).
      const outcome = [added.status, deleted.status];
      expect(outcome[0] === 202 ? outcome[1] === 409 : outcome[1] === 202).toBe(true);
      const dangling = await query(
        `SELECT r.id FROM rm_security_group_rules r LEFT JOIN rm_security_groups g ON g.id = r.remote_group_id WHERE r.remote_group_id IS NOT NULL AND g.id IS NULL`,
      );
      expect([round, dangling]).toEqual([round, []]);
    }
  });
});
