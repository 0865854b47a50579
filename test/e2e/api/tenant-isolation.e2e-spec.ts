import { findOperation, insertNotifications } from '@sg/infra';
import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { client, Client, KEYS, registerAgent, Reply, startApi, StartedApi } from '../../support/api';
import { DomainDriver, progress } from '../../support/audit-fixtures';

/** Demo's resources, which tenant acme must not be able to see, touch or even detect. */
interface DemoSet {
  vpcId: string;
  defaultGroupId: string;
  groupId: string;
  referencedGroupId: string;
  ruleIds: string[];
  instanceId: string;
  operationId: string;
  failedOperationId: string;
}

const SSH_FROM_OFFICE = { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] };
/** Made-up ids of the right shapes: what acme gets for demo's ids must be what it gets for these. */
const UNKNOWN = { vpcId: 'vpc-0doesnotexist0000000', groupId: 'sg-0doesnotexist00000000', instanceId: 'i-0doesnotexist000000000', ruleId: 'sgr-0doesnotexist0000000', operationId: 'op-0doesnotexist00000000' };

describe('tenant isolation: another tenant\'s key finds nothing of demo\'s', () => {
  let api: StartedApi;
  let demo: Client;
  let acme: Client;
  let operator: Client;
  const d = {} as DemoSet;
  const own = { vpcId: '', groupId: '', instanceId: '', operationId: '' };

  beforeAll(async () => {
    api = await startApi();
    demo = client(api.url);
    acme = demo.as('otherTenant');
    operator = demo.as('operator');
    for (const hv of ['hv-1', 'hv-2']) await ok(registerAgent(api.url, hv, `http://${hv}.example:7001`), 201);

    const vpc = await ok(demo.post('/v1/vpcs', { name: 'demo-vpc', cidr: '10.0.0.0/16' }), 201);
    d.vpcId = vpc.id;
    d.defaultGroupId = vpc.defaultSecurityGroupId;
    d.instanceId = (await ok(demo.post('/v1/instances', { name: 'gpu-1', vpcId: d.vpcId, hypervisorId: 'hv-1', ipv4: '10.0.1.5' }), 201)).id;
    d.referencedGroupId = (await ok(demo.post('/v1/security-groups', { vpcId: d.vpcId, name: 'bastions' }), 201)).id;
    const group = await ok(
      demo.post('/v1/security-groups', {
        vpcId: d.vpcId,
        name: 'web-servers',
        tags: { team: 'ml' },
        rules: [SSH_FROM_OFFICE, { direction: 'inbound', protocol: 'tcp', ports: '8000-8080', remote: { group: d.referencedGroupId }, ipVersion: 'IPv4' }],
        applyTo: { instanceIds: [d.instanceId], cidrs: ['10.0.2.0/24'] },
      }),
      201,
    );
    d.groupId = group.id;
    d.ruleIds = group.inboundRules.map((r: { id: string }) => r.id);
    d.operationId = group.operation.id;
    // A failed operation, the only kind an operator can retry.
    const driver = new DomainDriver(api.app.get(EventStore), api.app.get(DataSource));
    d.failedOperationId = await driver.queueOperation({ tenant: 'demo', resource: { type: 'security-group', id: d.groupId }, targets: [{ hypervisorId: 'hv-1', instanceIds: [d.instanceId] }] });
    await driver.advanceOperation(d.failedOperationId, [progress.started(), progress.targetFailed('hv-1', 'connection refused'), progress.failed()]);

    // Acme has resources of its own, so its lists are not empty by accident.
    const acmeVpc = await ok(acme.post('/v1/vpcs', { name: 'acme-vpc', cidr: '10.0.0.0/16' }), 201);
    own.vpcId = acmeVpc.id;
    own.instanceId = (await ok(acme.post('/v1/instances', { name: 'acme-1', vpcId: own.vpcId, hypervisorId: 'hv-1', ipv4: '10.0.1.5' }), 201)).id;
    const acmeGroup = await ok(acme.post('/v1/security-groups', { vpcId: own.vpcId, name: 'acme-web', rules: [SSH_FROM_OFFICE], applyTo: { instanceIds: [own.instanceId] } }), 201);
    own.groupId = acmeGroup.id;
    own.operationId = acmeGroup.operation.id;
    await relayNotifications(api, [d.operationId, d.failedOperationId, own.operationId]);
  });
  afterAll(() => api.close());

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
  const demoIds = (): string[] => [d.vpcId, d.defaultGroupId, d.groupId, d.referencedGroupId, d.instanceId, d.operationId, d.failedOperationId, ...d.ruleIds];
  const leaksIn = (text: string): string[] => demoIds().filter((id) => text.includes(id));

  interface Call {
    name: string;
    method: 'get' | 'post' | 'put' | 'patch' | 'delete';
    path: string;
    body?: unknown;
  }

  /** Every endpoint that takes an id of demo's, with a body that would be valid for the owner. */
  function crossTenantCalls(): Call[] {
    const g = `/v1/security-groups/${d.groupId}`;
    const i = `/v1/instances/${d.instanceId}`;
    return [
      { name: 'GET vpc', method: 'get', path: `/v1/vpcs/${d.vpcId}` },
      { name: 'DELETE vpc', method: 'delete', path: `/v1/vpcs/${d.vpcId}` },
      { name: 'GET instance', method: 'get', path: i },
      { name: 'PATCH instance', method: 'patch', path: i, body: { hypervisorId: 'hv-2' } },
      { name: 'DELETE instance', method: 'delete', path: i },
      { name: 'GET effective-rules', method: 'get', path: `${i}/effective-rules` },
      { name: 'POST flow-check', method: 'post', path: `${i}/flow-check`, body: { direction: 'inbound', protocol: 'tcp', port: 22, remote: '203.0.113.7' } },
      { name: 'GET group', method: 'get', path: g },
      { name: 'GET default group', method: 'get', path: `/v1/security-groups/${d.defaultGroupId}` },
      { name: 'PATCH group', method: 'patch', path: g, body: { description: 'mine now' } },
      { name: 'DELETE group', method: 'delete', path: `/v1/security-groups/${d.referencedGroupId}` },
      { name: 'POST rules', method: 'post', path: `${g}/rules`, body: { rules: [{ direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' }] } },
      { name: 'PUT rules', method: 'put', path: `${g}/rules`, body: { inboundRules: [], outboundRules: [] } },
      { name: 'DELETE rules', method: 'delete', path: `${g}/rules`, body: { ruleIds: d.ruleIds } },
      { name: 'DELETE rule', method: 'delete', path: `${g}/rules/${d.ruleIds[0]}` },
      { name: 'PUT applied-to', method: 'put', path: `${g}/applied-to`, body: { instanceIds: [], cidrs: [] } },
      { name: 'POST applied-to', method: 'post', path: `${g}/applied-to`, body: { cidrs: ['10.0.3.0/24'] } },
      { name: 'DELETE applied-to', method: 'delete', path: `${g}/applied-to`, body: { instanceIds: [d.instanceId] } },
      { name: 'GET events', method: 'get', path: `${g}/events` },
      { name: 'GET history by version', method: 'get', path: `${g}/history?version=1` },
      { name: 'GET history by time', method: 'get', path: `${g}/history?at=${encodeURIComponent(new Date().toISOString())}` },
      { name: 'GET operation', method: 'get', path: `/v1/operations/${d.operationId}` },
      { name: 'GET failed operation', method: 'get', path: `/v1/operations/${d.failedOperationId}` },
    ];
  }

  const send = (c: Client, call: Call): Promise<Reply> => (call.method === 'get' ? c.get(call.path) : c[call.method](call.path, call.body));

  it('answers every endpoint called with one of demo\'s ids 404 not-found, and writes nothing', async () => {
    const before = await eventCount();
    const wrong: string[] = [];
    for (const call of crossTenantCalls()) {
      const res = await send(acme, call);
      const sent = call.path + JSON.stringify(call.body ?? null);
      // A 404 may repeat the id it was asked about; it names nothing else of demo's.
      const named = leaksIn(res.text).filter((id) => !sent.includes(id));
      if (res.status !== 404 || res.body?.type !== 'not-found' || named.length > 0) wrong.push(`${call.name}: ${res.status} ${res.text.slice(0, 300)}`);
    }
    expect(wrong).toEqual([]);
    expect(await eventCount()).toBe(before);
    // And the owner's resources are as they were.
    const group = await ok(demo.get(`/v1/security-groups/${d.groupId}`), 200);
    expect(group).toMatchObject({ description: '', appliedTo: { instanceIds: [d.instanceId], cidrs: ['10.0.2.0/24'] } });
    expect(group.inboundRules).toHaveLength(2);
    expect(await ok(demo.get(`/v1/instances/${d.instanceId}`), 200)).toMatchObject({ hypervisorId: 'hv-1' });
    expect((await demo.get(`/v1/security-groups/${d.referencedGroupId}`)).status).toBe(200);
  });

  it('gives the same answer for demo\'s ids as for ids that never existed', async () => {
    const calls = crossTenantCalls();
    const unknown: Record<string, string> = {
      'GET vpc': `/v1/vpcs/${UNKNOWN.vpcId}`,
      'GET group': `/v1/security-groups/${UNKNOWN.groupId}`,
      'DELETE rule': `/v1/security-groups/${UNKNOWN.groupId}/rules/${UNKNOWN.ruleId}`,
      'GET instance': `/v1/instances/${UNKNOWN.instanceId}`,
      'GET operation': `/v1/operations/${UNKNOWN.operationId}`,
    };
    for (const [name, path] of Object.entries(unknown)) {
      const call = calls.find((c) => c.name === name)!;
      const [a, b] = await Promise.all([send(acme, call), send(acme, { ...call, path })]);
      expect({ name, status: a.status, type: a.body.type, title: a.body.title }).toEqual({ name, status: b.status, type: b.body.type, title: b.body.title });
    }
  });

  it('refuses demo\'s ids inside acme\'s bodies (vpcId, applyTo, remote group, ruleIds), never succeeding, and writes nothing', async () => {
    const before = await eventCount();
    const g = `/v1/security-groups/${own.groupId}`;
    const viaGroup = { direction: 'inbound', protocol: 'tcp', ports: 22, remote: { group: d.groupId }, ipVersion: 'IPv4' };
    const attempts: [string, Promise<Reply>, Promise<Reply>][] = [
      ['group in demo\'s VPC', acme.post('/v1/security-groups', { vpcId: d.vpcId, name: 'sneaky' }), acme.post('/v1/security-groups', { vpcId: UNKNOWN.vpcId, name: 'sneaky' })],
      ['instance in demo\'s VPC', acme.post('/v1/instances', { name: 'sneaky', vpcId: d.vpcId, hypervisorId: 'hv-1' }), acme.post('/v1/instances', { name: 'sneaky', vpcId: UNKNOWN.vpcId, hypervisorId: 'hv-1' })],
      [
        'new group applied to demo\'s instance',
        acme.post('/v1/security-groups', { vpcId: own.vpcId, applyTo: { instanceIds: [d.instanceId] } }),
        acme.post('/v1/security-groups', { vpcId: own.vpcId, applyTo: { instanceIds: [UNKNOWN.instanceId] } }),
      ],
      ['new group with demo\'s group as remote', acme.post('/v1/security-groups', { vpcId: own.vpcId, rules: [viaGroup] }), acme.post('/v1/security-groups', { vpcId: own.vpcId, rules: [{ ...viaGroup, remote: { group: UNKNOWN.groupId } }] })],
      ['rule with demo\'s group as remote', acme.post(`${g}/rules`, { rules: [viaGroup] }), acme.post(`${g}/rules`, { rules: [{ ...viaGroup, remote: { group: UNKNOWN.groupId } }] })],
      ['rule set with demo\'s group as remote', acme.put(`${g}/rules`, { inboundRules: [viaGroup] }), acme.put(`${g}/rules`, { inboundRules: [{ ...viaGroup, remote: { group: UNKNOWN.groupId } }] })],
      ['set applied-to demo\'s instance', acme.put(`${g}/applied-to`, { instanceIds: [d.instanceId] }), acme.put(`${g}/applied-to`, { instanceIds: [UNKNOWN.instanceId] })],
      ['add applied-to demo\'s instance', acme.post(`${g}/applied-to`, { instanceIds: [d.instanceId] }), acme.post(`${g}/applied-to`, { instanceIds: [UNKNOWN.instanceId] })],
      ['remove demo\'s rules from acme\'s group', acme.delete(`${g}/rules`, { ruleIds: [d.ruleIds[0]] }), acme.delete(`${g}/rules`, { ruleIds: [UNKNOWN.ruleId] })],
      ['remove demo\'s rule from acme\'s group', acme.delete(`${g}/rules/${d.ruleIds[0]}`), acme.delete(`${g}/rules/${UNKNOWN.ruleId}`)],
    ];
    for (const [name, withDemoId, withUnknownId] of attempts) {
      const [res, baseline] = await Promise.all([withDemoId, withUnknownId]);
      expect({ name, refused: res.status === 400 || res.status === 404 }).toEqual({ name, refused: true });
      // The same answer as for an id that does not exist, so the answer reveals nothing.
      expect({ name, status: res.status, type: res.body.type, paths: pathsOf(res) }).toEqual({ name, status: baseline.status, type: baseline.body.type, paths: pathsOf(baseline) });
    }
    expect(await eventCount()).toBe(before);
    expect((await ok(acme.get(`${g}`), 200)).appliedTo.instanceIds).toEqual([own.instanceId]);
  });

  it('lists none of demo\'s resources, operations, events or notifications, but acme\'s own', async () => {
    const lists: [string, string[]][] = [
      ['/v1/vpcs', [own.vpcId]],
      ['/v1/instances', [own.instanceId]],
      ['/v1/security-groups', [own.groupId]],
      ['/v1/operations', [own.operationId]],
      ['/v1/events?limit=1000', [own.groupId, own.instanceId]],
      ['/v1/events/export', [own.groupId, own.instanceId]],
      ['/v1/events/export?format=cloudevents', [own.groupId, own.instanceId]],
      ['/v1/audit/events?limit=1000', [own.groupId, own.instanceId]],
      [`/v1/audit/events?resourceId=${d.groupId}`, []],
      ['/v1/notifications', [own.operationId]],
      [`/v1/security-groups?vpcId=${d.vpcId}`, []],
      [`/v1/instances?vpcId=${d.vpcId}`, []],
      [`/v1/operations?resourceId=${d.groupId}`, []],
      ['/v1/security-groups?tag=team=ml', []],
    ];
    for (const [path, mine] of lists) {
      const res = await acme.get(path);
      expect({ path, status: res.status, leaks: leaksIn(res.text) }).toEqual({ path, status: 200, leaks: [] });
      for (const id of mine) expect({ path, has: id, found: res.text.includes(id) }).toEqual({ path, has: id, found: true });
    }
  });

  it('streams none of demo\'s notifications to acme', async () => {
    const text = await readStream(api.url, '/v1/notifications/stream?after=0', KEYS.otherTenant, own.operationId);
    expect(text).toContain(own.operationId);
    expect(leaksIn(text)).toEqual([]);
  });

  it('keeps Idempotency-Keys apart per tenant: acme reusing demo\'s key gets its own result, not demo\'s', async () => {
    const key = { 'idempotency-key': 'create-vpc-shared-1' };
    const first = await ok(demo.post('/v1/vpcs', { name: 'same-name' }, key), 201);
    const other = await acme.post('/v1/vpcs', { name: 'same-name' }, key);
    expect(other.status).toBe(201);
    expect(other.headers.get('idempotent-replayed')).toBeNull();
    expect(other.body).toMatchObject({ tenant: 'acme', name: 'same-name' });
    expect(other.body.id).not.toBe(first.id);
    expect(leaksIn(other.text)).toEqual([]);
    expect(other.text).not.toContain(first.id);
  });

  it('keeps operator-only endpoints a matter of role: 403 before any resource is looked up', async () => {
    const before = await eventCount();
    for (const res of [await acme.post(`/v1/operations/${d.failedOperationId}/retry`), await acme.post(`/v1/operations/${UNKNOWN.operationId}/retry`)]) {
      expect(res.status).toBe(403);
      expect(res.body.type).toBe('forbidden');
    }
    expect(await eventCount()).toBe(before);
  });

  it('lets the operator see and act on demo\'s resources', async () => {
    for (const path of [`/v1/vpcs/${d.vpcId}`, `/v1/instances/${d.instanceId}`, `/v1/instances/${d.instanceId}/effective-rules`, `/v1/security-groups/${d.groupId}`, `/v1/security-groups/${d.groupId}/events`, `/v1/security-groups/${d.groupId}/history?version=1`, `/v1/operations/${d.operationId}`]) {
      expect({ path, status: (await operator.get(path)).status }).toEqual({ path, status: 200 });
    }
    for (const path of ['/v1/vpcs', '/v1/instances', '/v1/security-groups', '/v1/operations', '/v1/events?limit=1000', '/v1/notifications', `/v1/audit/events?resourceId=${d.groupId}`]) {
      const text = (await operator.get(path)).text;
      expect({ path, has: [d.vpcId, d.groupId, d.instanceId, d.operationId].filter((id) => text.includes(id)).length > 0 }).toEqual({ path, has: true });
    }
    const retried = await operator.post(`/v1/operations/${d.failedOperationId}/retry`);
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ id: d.failedOperationId, tenant: 'demo', status: 'queued' });
  });
});

/**
 * Notifications are the worker's relay's to write; no worker runs here (it would append events
 * while the tests count them), so this does its part for the given operations.
 */
async function relayNotifications(api: StartedApi, operationIds: string[]): Promise<void> {
  const m = api.db.dataSource.manager;
  for (const id of operationIds) {
    const [{ position }] = await m.query(`SELECT max(position)::text AS position FROM events WHERE stream_id = $1`, [id]);
    const operation = (await findOperation(m, id, null))!;
    await insertNotifications(m, [{ sourcePosition: position, tenant: operation.tenant, kind: 'operation', operation }]);
  }
}

async function ok(reply: Promise<Reply>, status: number) {
  const res = await reply;
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${res.text}`);
  return res.body;
}

function pathsOf(res: Reply): string[] {
  return ((res.body?.errors ?? []) as { path: string }[]).map((e) => e.path).sort();
}

/** Reads an SSE stream until `until` shows up (or 5 s pass), then hangs up. */
async function readStream(baseUrl: string, path: string, key: string, until: string): Promise<string> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5_000);
  let text = '';
  try {
    const res = await fetch(baseUrl + path, { headers: { authorization: `Bearer ${key}`, accept: 'text/event-stream' }, signal: controller.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    while (!text.includes(until)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
  } catch {
    // aborted after 5 s: what arrived is what there was
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return text;
}
