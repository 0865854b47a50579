import { findGroup, latestOperationStatus } from '@sg/infra';
import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { presentGroup, SecurityGroupResponse } from '../../../apps/api/src/v1/security-groups/security-group.presenter';
import { client, Client, KEYS, startApi, StartedApi } from '../../support/api';
import { DomainDriver, progress } from '../../support/audit-fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const SSH = { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] };
const HTTPS = { direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' };
const DNS = { direction: 'outbound', protocol: 'udp', ports: '53', remote: ['198.51.100.53'] };

describe('A security group\'s events and history over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let driver: DomainDriver;

  /** The group as `GET /v1/security-groups/{id}` shows it now: the read model, presented. */
  const liveGroup = async (id: string): Promise<SecurityGroupResponse> => {
    const m = api.app.get(DataSource).manager;
    const group = await findGroup(m, id, null);
    return presentGroup(group!, (await latestOperationStatus(m, [id])).get(id));
  };
  const newVpc = async (name: string) => (await http.post('/v1/vpcs', { name, cidr: '10.0.0.0/16' })).body as { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    driver = new DomainDriver(api.app.get(EventStore), api.app.get(DataSource));
  });
  afterAll(() => api.close());

  describe('GET /v1/security-groups/{id}/events', () => {
    it('lists the events oldest first, each with who made it, for which tenant and under which request', async () => {
      const created = await http.post('/v1/vpcs', { name: 'audited' }, { 'x-request-id': 'audit-request-1', 'idempotency-key': 'audit-key-1' });
      expect(created.status).toBe(201);
      const { id: vpcId, defaultSecurityGroupId: groupId } = created.body;

      const res = await http.get(`/v1/security-groups/${groupId}/events`);
      expect(res.status).toBe(200);
      // The server's own id is the request id; the client's is kept apart, never taken for it.
      const metadata = { actor: expect.stringMatching(/^demo\/member#[0-9a-f]{8}$/), tenant: 'demo', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), clientRequestId: 'audit-request-1', idempotencyKey: 'audit-key-1' };
      expect(res.body).toEqual([
        {
          position: expect.any(Number), streamId: groupId, version: 1, type: 'security-group.created',
          data: expect.objectContaining({ groupId, vpcId, tenant: 'demo', name: 'default', isDefault: true }), metadata, recordedAt: expect.any(String),
          streamType: 'security-group', schemaVersion: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), previousHash: null,
        },
        {
          position: expect.any(Number), streamId: groupId, version: 2, type: 'security-group.rules.added',
          data: expect.objectContaining({ groupId, rules: expect.any(Array) }), metadata, recordedAt: expect.any(String),
          streamType: 'security-group', schemaVersion: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/), previousHash: expect.stringMatching(/^[0-9a-f]{64}$/),
        },
      ]);
      expect(res.body[1].data.rules).toHaveLength(6);
      expect(res.body[1].metadata.requestId).toBe(res.body[0].metadata.requestId);
      expect(created.headers.get('x-request-id')).toBe('audit-request-1');
      expect(res.body[1].previousHash).toBe(res.body[0].hash);
      expect(res.body[1].position).toBeGreaterThan(res.body[0].position);
      expect(new Date(res.body[0].recordedAt).toISOString()).toBe(res.body[0].recordedAt);
      // The actor names the key by a fingerprint, never the key itself.
      expect(res.text).not.toContain(KEYS.member);
    });

    it('records the generated request id when the client sent none, and no idempotency key', async () => {
      const created = await http.post('/v1/vpcs', { name: 'no-headers' });
      const res = await http.get(`/v1/security-groups/${created.body.defaultSecurityGroupId}/events`);
      expect(res.body[0].metadata.requestId).toBe(created.headers.get('x-request-id'));
      expect(res.body[0].metadata.clientRequestId).toBeNull();
      expect(res.body[0].metadata.idempotencyKey).toBeNull();
    });

    it('starts at fromVersion, pages with limit and a Link to the next page, and is empty past the end', async () => {
      const { defaultSecurityGroupId: groupId } = await newVpc('paged');
      const { groupId: g } = await driver.createGroup((await newVpc('paged-2')).id, { name: 'web' });
      await driver.addRules(g, [SSH]);
      await driver.addRules(g, [HTTPS]);
      const versions = async (query: string) => ((await http.get(`/v1/security-groups/${g}/events${query}`)).body as { version: number }[]).map((e) => e.version);

      expect(await versions('')).toEqual([1, 2, 3]);
      expect(await versions('?fromVersion=2')).toEqual([2, 3]);
      expect(await versions('?fromVersion=0')).toEqual([1, 2, 3]);
      expect(await versions('?fromVersion=4')).toEqual([]);
      expect(await versions('?fromVersion=2147483647')).toEqual([]);

      const first = await http.get(`/v1/security-groups/${g}/events?limit=2`);
      expect(first.body.map((e: { version: number }) => e.version)).toEqual([1, 2]);
      const next = /^<([^>]+)>; rel="next"$/.exec(first.headers.get('link') ?? '')?.[1];
      expect(next).toBe(`/v1/security-groups/${g}/events?limit=2&fromVersion=3`);
      const second = await http.get(next!);
      expect(second.body.map((e: { version: number }) => e.version)).toEqual([3]);
      expect(second.headers.get('link')).toBeNull();
      expect((await http.get(`/v1/security-groups/${groupId}/events?limit=2`)).headers.get('link')).toBeNull();
    });

    it('refuses bad paging parameters with every bad one listed', async () => {
      const { defaultSecurityGroupId: groupId } = await newVpc('bad-params');
      const res = await http.get(`/v1/security-groups/${groupId}/events?fromVersion=-1&limit=5000`);
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['fromVersion', 'limit']);
      for (const query of ['fromVersion=abc', 'fromVersion=1.5', 'fromVersion=99999999999', 'fromVersion=1&fromVersion=2', 'limit=0']) {
        expect((await http.get(`/v1/security-groups/${groupId}/events?${query}`)).status).toBe(400);
      }
    });

    it('is 404 for another tenant\'s group, an unknown id, and ids that are not groups; operators read any tenant\'s', async () => {
      const { id: vpcId, defaultSecurityGroupId: groupId } = await newVpc('private');
      const other = http.as('otherTenant');
      expect((await other.get(`/v1/security-groups/${groupId}/events`)).status).toBe(404);
      expect((await other.get(`/v1/security-groups/${groupId}/history?version=1`)).status).toBe(404);
      expect((await http.as('operator').get(`/v1/security-groups/${groupId}/events`)).status).toBe(200);
      expect((await http.as('operator').get(`/v1/security-groups/${groupId}/history?version=2`)).status).toBe(200);
      for (const id of ['sg-doesnotexist', vpcId, 'sg-%00', `sg-${'x'.repeat(300)}`, '%E2%9C%93']) {
        const res = await http.get(`/v1/security-groups/${id}/events`);
        expect(res.status).toBe(404);
        expect(res.body.type).toBe('not-found');
      }
      expect((await http.as('nobody').get(`/v1/security-groups/${groupId}/events`)).status).toBe(401);
    });
  });

  describe('GET /v1/security-groups/{id}/history', () => {
    it('after event N equals the group as it was after event N, for every N', async () => {
      const vpc = await newVpc('history');
      await driver.registerHypervisor('hv-history-1', 'http://10.9.0.1:7001');
      const instanceId = await driver.registerInstance(vpc.id, { name: 'gpu-1', hypervisorId: 'hv-history-1', ipv4: '10.0.1.5' });
      const { groupId, version } = await driver.createGroup(vpc.id, { name: 'web', description: 'front end', tags: { team: 'ml' } });
      const asOf = new Map<number, SecurityGroupResponse>([[version, await liveGroup(groupId)]]);
      const changes: (() => Promise<{ version: number; operationId: string | null }>)[] = [
        () => driver.addRules(groupId, [SSH, DNS]),
        () => driver.updateGroup(groupId, { name: 'web-servers', tags: { team: 'ml', env: 'prod' } }),
        () => driver.changeAppliedTo(groupId, 'add', { instanceIds: [instanceId], cidrs: ['10.0.2.0/24'] }),
        () => driver.addRules(groupId, [HTTPS]),
        () => driver.replaceRules(groupId, { inboundRules: [{ ...SSH, description: 'admins' }, HTTPS], outboundRules: [] }),
        () => driver.changeAppliedTo(groupId, 'remove', { cidrs: ['10.0.2.0/24'] }),
        () => driver.updateGroup(groupId, { description: 'public front end' }),
      ];
      for (const change of changes) {
        await sleep(3);
        const done = await change();
        asOf.set(done.version, await liveGroup(groupId));
      }
      // The instance's operation is still waiting (no worker here); finishing it now must not rewrite the past.
      const waiting = await http.get(`/v1/operations?resourceId=${groupId}&status=queued`);
      expect(waiting.body.length).toBeGreaterThan(0);
      for (const op of waiting.body) await driver.advanceOperation(op.id, [progress.started(), progress.targetSucceeded('hv-history-1', 1), progress.succeeded()]);

      expect([...asOf.keys()]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(new Set([...asOf.values()].map((g) => g.propagation))).toEqual(new Set(['in-sync', 'propagating']));
      for (const [n, expected] of asOf) {
        const res = await http.get(`/v1/security-groups/${groupId}/history?version=${n}`);
        expect({ n, status: res.status, body: res.body }).toEqual({ n, status: 200, body: expected });
      }
      expect((await liveGroup(groupId)).propagation).toBe('in-sync');
      expect((await http.get(`/v1/security-groups/${groupId}/history?version=8`)).body.propagation).toBe('propagating');
    });

    it('shows a change made of several events one event at a time', async () => {
      const { defaultSecurityGroupId: groupId } = await newVpc('two-events');
      const v1 = await http.get(`/v1/security-groups/${groupId}/history?version=1`);
      expect(v1.status).toBe(200);
      expect(v1.body).toMatchObject({ id: groupId, name: 'default', isDefault: true, version: 1, inboundRules: [], outboundRules: [] });
      const v2 = await http.get(`/v1/security-groups/${groupId}/history?version=2`);
      expect(v2.body).toEqual(await liveGroup(groupId));
      expect(v2.body.outboundRules).toHaveLength(6);
    });

    it('at=<timestamp> shows the group as it stood at that instant', async () => {
      const vpc = await newVpc('at');
      const { groupId } = await driver.createGroup(vpc.id, { name: 'timed' });
      await sleep(5);
      await driver.addRules(groupId, [SSH]);
      const afterFirst = await liveGroup(groupId);
      await sleep(20);
      await driver.addRules(groupId, [HTTPS]);
      const afterSecond = await liveGroup(groupId);
      const t1 = Date.parse(afterFirst.updatedAt);
      const t2 = Date.parse(afterSecond.updatedAt);
      expect(t2 - t1).toBeGreaterThanOrEqual(20);

      const at = async (instant: string) => http.get(`/v1/security-groups/${groupId}/history?at=${encodeURIComponent(instant)}`);
      const between = new Date((t1 + t2) / 2).toISOString();
      expect((await at(between)).body).toEqual(afterFirst);
      // The instant a state shows as its updatedAt is inside that state.
      expect((await at(afterFirst.updatedAt)).body).toEqual(afterFirst);
      expect((await at(afterSecond.updatedAt)).body).toEqual(afterSecond);
      expect((await at(new Date(t2 - 1).toISOString())).body).toEqual(afterFirst);
      // Any offset, any precision: the same instant is the same state.
      const plusTwo = new Date(t1 + 2 * 3600_000).toISOString().replace('Z', '+02:00');
      expect((await at(plusTwo)).body).toEqual(afterFirst);
      expect((await http.get(`/v1/security-groups/${groupId}/history?at=${plusTwo}`)).body).toEqual(afterFirst);
      expect((await at(afterFirst.updatedAt.replace('Z', '999Z'))).body).toEqual(afterFirst);
      expect((await at('2999-01-01T00:00:00Z')).body).toEqual(afterSecond);

      const before = await at(new Date(Date.parse(afterFirst.createdAt) - 1).toISOString());
      expect(before.status).toBe(404);
      expect(before.body.type).toBe('not-found');
    });

    it('wants exactly one of version and at (400), and 404s a version the group has not reached', async () => {
      const { defaultSecurityGroupId: groupId } = await newVpc('bad-history');
      const history = (query: string) => http.get(`/v1/security-groups/${groupId}/history${query}`);
      for (const query of ['', '?version=1&at=2026-01-01T00:00:00Z', '?version=0', '?version=two', '?version=-1', '?at=yesterday', '?at=2026-02-30T00:00:00Z', '?at=2026-01-01']) {
        const res = await history(query);
        expect({ query, status: res.status, type: res.body.type }).toEqual({ query, status: 400, type: 'validation-failed' });
        expect(res.body.errors.length).toBeGreaterThan(0);
      }
      const beyond = await history('?version=3');
      expect(beyond.status).toBe(404);
      expect(beyond.body.detail).toMatch(/no version 3; its latest is 2/);
    });

    it('keeps a deleted group\'s history readable, and is 404 from its deletion on', async () => {
      const vpc = await newVpc('deleted');
      const { groupId } = await driver.createGroup(vpc.id, { name: 'short-lived' });
      const { version: withRule } = await driver.addRules(groupId, [SSH]);
      const ruleId = (await liveGroup(groupId)).inboundRules[0].id;
      await driver.removeRules(groupId, [ruleId]);
      await driver.deleteGroup(groupId, { requestId: 'delete-request-1' });

      const events = await http.get(`/v1/security-groups/${groupId}/events`);
      expect(events.status).toBe(200);
      expect(events.body.map((e: { type: string }) => e.type)).toEqual([
        'security-group.created', 'security-group.rules.added', 'security-group.rules.removed', 'security-group.deleted',
      ]);
      expect(events.body[3].metadata.requestId).toBe('delete-request-1');

      const past = await http.get(`/v1/security-groups/${groupId}/history?version=${withRule}`);
      expect(past.status).toBe(200);
      expect(past.body).toMatchObject({ id: groupId, name: 'short-lived', version: withRule, inboundRules: [{ id: ruleId, type: 'SSH' }] });
      const gone = await http.get(`/v1/security-groups/${groupId}/history?version=4`);
      expect(gone.status).toBe(404);
      expect(gone.body.detail).toMatch(/deleted/);
      expect((await http.get(`/v1/security-groups/${groupId}/history?at=2999-01-01T00:00:00Z`)).status).toBe(404);
      expect((await http.as('otherTenant').get(`/v1/security-groups/${groupId}/events`)).status).toBe(404);
    });
  });
});
