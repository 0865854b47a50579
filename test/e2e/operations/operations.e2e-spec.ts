import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { client, Client, startApi, StartedApi } from '../../support/api';
import { DomainDriver, progress } from '../../support/audit-fixtures';

/** Operation ids order by their millisecond of creation: keep the fixtures' apart so "newest first" is defined. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 2));
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('Operations over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let driver: DomainDriver;
  let groupId: string;
  const ops = { created: '', instant: '', rolling: '', done: '', failed: '', acme: '' };

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    driver = new DomainDriver(api.app.get(EventStore), api.app.get(DataSource));
    const vpc = (await http.post('/v1/vpcs', { name: 'ops' })).body;
    const created = await driver.createGroup(vpc.id, { name: 'web-servers' });
    groupId = created.groupId;
    ops.created = created.operationId!;

    // A change that reaches no instance: its operation succeeds in the same transaction.
    await tick();
    ops.instant = (await driver.addRules(groupId, [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }])).operationId!;
    const targets = [
      { hypervisorId: 'hv-1', instanceIds: ['i-1', 'i-2'] },
      { hypervisorId: 'hv-2', instanceIds: ['i-3'] },
    ];
    const resource = { type: 'security-group' as const, id: groupId };
    const summary = 'Added 2 inbound rules to web-servers';
    await tick();
    ops.rolling = await driver.queueOperation({ tenant: 'demo', resource, summary, targets });
    await driver.advanceOperation(ops.rolling, [progress.started(), progress.targetSucceeded('hv-1', 42)]);
    await tick();
    ops.done = await driver.queueOperation({ tenant: 'demo', resource, summary, targets });
    await driver.advanceOperation(ops.done, [progress.started(), progress.targetSucceeded('hv-1', 43), progress.targetSucceeded('hv-2', 7, 2), progress.succeeded()]);
    await tick();
    ops.failed = await driver.queueOperation({ tenant: 'demo', resource: { type: 'instance', id: 'i-9' }, operationType: 'instance.moved', summary: 'Moved gpu-9 to hv-3', targets: [{ hypervisorId: 'hv-3', instanceIds: ['i-9'] }] });
    await driver.advanceOperation(ops.failed, [progress.started(), progress.attemptFailed('hv-3', 1, 'connection refused'), progress.targetFailed('hv-3', 'connection refused', 5), progress.failed()]);
    await tick();
    ops.acme = await driver.queueOperation({ tenant: 'acme', resource: { type: 'security-group', id: 'sg-acme-1' }, targets: [{ hypervisorId: 'hv-1', instanceIds: ['i-acme'] }] });
  });
  afterAll(() => api.close());

  describe('GET /v1/operations/{id}', () => {
    it('shows an operation exactly as the /v1 contract does: status, message, progress and each target', async () => {
      const res = await http.get(`/v1/operations/${ops.rolling}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        id: ops.rolling,
        type: 'security-group.rules.added',
        status: 'in-progress',
        resource: { type: 'security-group', id: groupId },
        tenant: 'demo',
        message: expect.stringMatching(/^Added 2 inbound rules to web-servers; .*3 instances across 2 hypervisors/),
        progress: { done: 1, total: 2 },
        targets: [
          { hypervisorId: 'hv-1', status: 'succeeded', attempts: 1, appliedRevision: 42, error: null },
          { hypervisorId: 'hv-2', status: 'in-progress', attempts: 0, appliedRevision: null, error: null },
        ],
        createdAt: expect.stringMatching(ISO),
        updatedAt: expect.stringMatching(ISO),
        finishedAt: null,
      });
      expect(res.body.updatedAt >= res.body.createdAt).toBe(true);
    });

    it('says where a finished operation went: applied everywhere, failed with the agent\'s error, or nothing to do', async () => {
      const done = (await http.get(`/v1/operations/${ops.done}`)).body;
      expect(done).toMatchObject({ status: 'succeeded', message: 'Added 2 inbound rules to web-servers; applied on 3 instances across 2 hypervisors', progress: { done: 2, total: 2 } });
      expect(done.targets[1]).toEqual({ hypervisorId: 'hv-2', status: 'succeeded', attempts: 2, appliedRevision: 7, error: null });
      expect(done.finishedAt).toMatch(ISO);

      const failed = (await http.get(`/v1/operations/${ops.failed}`)).body;
      expect(failed).toMatchObject({
        type: 'instance.moved', status: 'failed', resource: { type: 'instance', id: 'i-9' }, progress: { done: 1, total: 1 },
        targets: [{ hypervisorId: 'hv-3', status: 'failed', attempts: 5, appliedRevision: null, error: 'connection refused' }],
      });
      expect(failed.message).toMatch(/failed on hv-3: connection refused$/);
      expect(failed.finishedAt).toMatch(ISO);

      const instant = (await http.get(`/v1/operations/${ops.instant}`)).body;
      expect(instant).toMatchObject({ status: 'succeeded', progress: { done: 0, total: 0 }, targets: [], resource: { type: 'security-group', id: groupId } });
      expect(instant.message).toMatch(/^Added 1 inbound rule to web-servers; nothing to propagate$/);
      expect(instant.finishedAt).toBe(instant.createdAt);
    });

    it('is 404 for another tenant\'s operation and for unknown ids; operators see every tenant\'s', async () => {
      expect((await http.as('otherTenant').get(`/v1/operations/${ops.rolling}`)).status).toBe(404);
      const hidden = await http.get(`/v1/operations/${ops.acme}`);
      expect(hidden.status).toBe(404);
      expect(hidden.body.type).toBe('not-found');
      expect((await http.as('otherTenant').get(`/v1/operations/${ops.acme}`)).status).toBe(200);
      expect((await http.as('operator').get(`/v1/operations/${ops.acme}`)).body.tenant).toBe('acme');
      expect((await http.as('operator').get(`/v1/operations/${ops.rolling}`)).body.tenant).toBe('demo');
      for (const id of ['op-nope', '%00', 'op-%E2%9C%93', `op-${'9'.repeat(400)}`]) expect((await http.get(`/v1/operations/${id}`)).status).toBe(404);
      expect((await http.as('nobody').get(`/v1/operations/${ops.rolling}`)).status).toBe(401);
    });
  });

  describe('GET /v1/operations', () => {
    const ids = (body: { id: string }[]) => body.map((o) => o.id);
    const mine = () => [ops.failed, ops.done, ops.rolling, ops.instant, ops.created];

    it('lists the caller\'s operations newest first, each in the same shape as GET /v1/operations/{id}', async () => {
      const res = await http.get('/v1/operations');
      expect(res.status).toBe(200);
      expect(ids(res.body)).toEqual(mine());
      expect(res.body[2]).toEqual((await http.get(`/v1/operations/${ops.rolling}`)).body);
      expect(ids((await http.as('otherTenant').get('/v1/operations')).body)).toEqual([ops.acme]);
      expect(ids((await http.as('operator').get('/v1/operations')).body)).toEqual([ops.acme, ...mine()]);
    });

    it('filters by status and by resource, both at once too', async () => {
      expect(ids((await http.get('/v1/operations?status=failed')).body)).toEqual([ops.failed]);
      expect(ids((await http.get('/v1/operations?status=succeeded')).body)).toEqual([ops.done, ops.instant, ops.created]);
      expect(ids((await http.get('/v1/operations?status=in-progress')).body)).toEqual([ops.rolling]);
      expect((await http.get('/v1/operations?status=queued')).body).toEqual([]);
      expect(ids((await http.get(`/v1/operations?resourceId=${groupId}`)).body)).toEqual([ops.done, ops.rolling, ops.instant, ops.created]);
      expect(ids((await http.get(`/v1/operations?resourceId=${groupId}&status=succeeded`)).body)).toEqual([ops.done, ops.instant, ops.created]);
      expect(ids((await http.get('/v1/operations?resourceId=i-9&status=failed')).body)).toEqual([ops.failed]);
      // Another tenant's resource is simply absent from the caller's list.
      expect((await http.get('/v1/operations?resourceId=sg-acme-1')).body).toEqual([]);
      expect((await http.as('otherTenant').get(`/v1/operations?resourceId=${groupId}`)).body).toEqual([]);
    });

    it('pages with limit and Next-Cursor without gaps or repeats', async () => {
      const seen: string[] = [];
      let url = '/v1/operations?limit=1';
      for (let guard = 0; guard < 10; guard++) {
        const res = await http.get(url);
        expect(res.body.length).toBeLessThanOrEqual(1);
        seen.push(...ids(res.body));
        const next = res.headers.get('next-cursor');
        if (!next) break;
        url = `/v1/operations?limit=1&cursor=${next}`;
      }
      expect(seen).toEqual(mine());
    });

    it('refuses bad filters and paging with 400, listing each bad parameter', async () => {
      const res = await http.get('/v1/operations?status=done&resourceId=sg%20x&limit=0');
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['status', 'resourceId', 'limit']);
      for (const query of ['cursor=garbage', 'status=FAILED', 'status=failed&status=queued', 'limit=1001', `resourceId=${'x'.repeat(200)}`]) {
        expect((await http.get(`/v1/operations?${query}`)).status).toBe(400);
      }
    });
  });
});
