import type { INestApplication } from '@nestjs/common';
import { createApi } from '../../../apps/api/src/create-api';
import { loadAppConfig } from '../../../libs/infra/src/config/app-config';
import { client, Client, registerAgent, TEST_API_KEYS } from '../../support/api';
import { proxyToDatabase, TcpProxy } from '../../support/tcp-proxy';
import { createTestDatabase, TestDatabase } from '../../support/test-database';

/**
 * Rules that span several streams, raced hard: each round fires conflicting requests at once and
 * checks that at most one of them won and that the read models agree. A decision that reads its
 * facts (the VPC's instances, its groups, who references a group) apart from the version it
 * appends against can let two writers both pass; these rounds make such a window show. The API
 * reaches Postgres through a proxy that holds each packet a random few milliseconds, as a network
 * would, so the requests of a round interleave differently every time, and holds stream reads
 * longer, so a decision's reads of the VPC and of its stream's version land apart.
 */
describe('races across streams', () => {
  const ROUNDS = 16;
  let db: TestDatabase;
  let proxy: TcpProxy;
  let app: INestApplication;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    db = await createTestDatabase();
    // Stream reads (the version a decision appends against) are held 40 ms on the way to Postgres,
    // as if they had waited for a connection: a decision's other reads then run before them.
    const proxied = await proxyToDatabase(db.url, { jitterMs: 4, slowRequests: { pattern: /FROM events WHERE stream_id/, ms: 40 } });
    proxy = proxied.proxy;
    app = await createApi(loadAppConfig({ DATABASE_URL: proxied.url, API_KEYS: TEST_API_KEYS, PORT: '0', RATE_LIMIT_PER_SECOND: '0', RATE_LIMIT_CONCURRENT: '0' }), { logger: ['error'] });
    await app.listen(0, '127.0.0.1');
    const apiUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    http = client(apiUrl);
    expect((await registerAgent(apiUrl, 'hv-1', 'http://hv-1.example:7001')).status).toBe(201);
    vpc = (await http.post('/v1/vpcs', { name: 'races', cidr: '10.0.0.0/16' })).body;
  });
  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await db?.drop();
  });

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => db.dataSource.query(sql, params);
  const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /**
   * Sends two requests, the second `offset` ms after the first (the first after the second when
   * negative). Rounds sweep the offset from -spread to +spread, so that in some round each one's
   * reads land while the other commits, whatever the two take on this machine.
   */
  const race = <A, B>(round: number, first: () => Promise<A>, second: () => Promise<B>, { rounds = ROUNDS, spreadMs = 100 } = {}): Promise<[A, B]> => {
    const offset = ((2 * round) / (rounds - 1) - 1) * spreadMs;
    return Promise.all([after(Math.max(0, -offset)).then(first), after(Math.max(0, offset)).then(second)]);
  };
  const statuses = (replies: { status: number }[]) => replies.map((r) => r.status).sort();
  const register = (name: string, vpcId: string, extra: Record<string, unknown> = {}) =>
    http.post('/v1/instances', { name, vpcId, hypervisorId: 'hv-1', ...extra });
  const group = async (vpcId: string, name: string) => {
    const res = await http.post('/v1/security-groups', { vpcId, name });
    expect(res.status).toBe(201);
    return res.body as { id: string };
  };

  it('lets exactly one of two concurrent registrations take a free address, whenever the second one starts', async () => {
    // The window is the time between one registration's reads and its commit. Pairs of
    // registrations, each pair for an address of its own, run all at once; the second of each
    // pair starts at an offset swept across a whole registration's time, so some land their reads
    // right at another's commit, where a stale view of the VPC would let them pass. The pairs
    // keep the API's connection pool busy too, so one decision's reads wait and land apart.
    const times: number[] = [];
    for (const n of [1, 2, 3]) {
      const started = Date.now();
      expect((await register(`calibration-${n}`, vpc.id, { ipv4: `10.0.9.${n}` })).status).toBe(201);
      times.push(Date.now() - started);
    }
    const oneRegistrationMs = times.sort((a, b) => a - b)[1];
    const pairs = 24;
    for (let round = 0; round < 3; round++) {
      const addresses = Array.from({ length: pairs }, (_, k) => (k % 2 === 0 ? { ipv4: `10.0.${100 + round}.${k + 1}` } : { ipv6: `2001:db8::${100 + round}:${k + 1}` }));
      const replies = await Promise.all(
        addresses.map((address, k) =>
          Promise.all([
            register(`first-${round}-${k}`, vpc.id, address),
            after((oneRegistrationMs * 2 * k) / pairs).then(() => register(`second-${round}-${k}`, vpc.id, address)),
          ]),
        ),
      );
      expect(replies.map((pair, k) => [k, statuses(pair)])).toEqual(replies.map((_, k) => [k, [201, 409]]));
      const holders = await query<{ n: number }>(
        `SELECT count(*)::int AS n FROM rm_instances WHERE vpc_id = $1 AND (ipv4 = ANY($2) OR ipv6 = ANY($3))`,
        [vpc.id, addresses.flatMap((a) => a.ipv4 ?? []), addresses.flatMap((a) => a.ipv6 ?? [])],
      );
      expect(holders[0].n).toBe(pairs);
    }
  });

  it('never deletes a VPC while an instance is registered into it', async () => {
    // Its window is narrower than the others' (the registration's commit between the deletion's
    // two reads): twice the rounds.
    const rounds = 2 * ROUNDS;
    for (let round = 0; round < rounds; round++) {
      const v = (await http.post('/v1/vpcs', { name: `gone-${round}` })).body;
      const [registered, deleted] = await race(round, () => register(`late-${round}`, v.id), () => http.delete(`/v1/vpcs/${v.id}`), { rounds });
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
      const [created, deleted] = await race(round, () => http.post('/v1/security-groups', { vpcId: v.id, name: 'late' }), () => http.delete(`/v1/vpcs/${v.id}`));
      expect([[404, 204], [201, 409]]).toContainEqual([created.status, deleted.status]);
      const orphans = await query(`SELECT g.id FROM rm_security_groups g LEFT JOIN rm_vpcs v ON v.id = g.vpc_id WHERE v.id IS NULL`);
      expect([round, orphans]).toEqual([round, []]);
    }
  });

  it('never leaves a deleted instance in a group it was being applied to', async () => {
    const g = await group(vpc.id, 'attach-race');
    for (let round = 0; round < ROUNDS; round++) {
      const instance = (await register(`doomed-${round}`, vpc.id)).body;
      const [applied, deleted] = await race(
        round,
        () => http.post(`/v1/security-groups/${g.id}/applied-to`, { instanceIds: [instance.id] }),
        () => http.delete(`/v1/instances/${instance.id}`),
      );
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
      const [added, deleted] = await race(
        round,
        () =>
          http.post(`/v1/security-groups/${referrer.id}/rules`, {
            rules: [{ direction: 'inbound', protocol: 'tcp', ports: String(1000 + round), ipVersion: 'IPv4', remote: { group: target.id } }],
          }),
        () => http.delete(`/v1/security-groups/${target.id}`),
      );
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
