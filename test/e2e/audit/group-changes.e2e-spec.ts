import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { client, Client, startApi, StartedApi } from '../../support/api';
import { DomainDriver } from '../../support/audit-fixtures';

const ALICE = 'demo/member#alice001';
const BOB = 'demo/member#bob00002';

describe('GET /v1/security-groups/{id}/changes', () => {
  let api: StartedApi;
  let http: Client;
  let groupId: string;
  let instanceId: string;
  let sshRuleId: string;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    const driver = new DomainDriver(api.app.get(EventStore), api.app.get(DataSource));
    const { vpcId } = await driver.createVpc('demo', 'net', '10.0.0.0/16', { actor: ALICE });
    await driver.registerHypervisor('hv-changes-1', 'http://10.9.0.1:7001');
    instanceId = await driver.registerInstance(vpcId, { name: 'vm-1', hypervisorId: 'hv-changes-1', ipv4: '10.0.0.11' }, { actor: ALICE });
    groupId = (await driver.createGroup(vpcId, { name: 'web', tags: { team: 'ml', owner: 'alice' }, rules: [{ direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' }] }, { actor: ALICE, requestId: 'req-create' })).groupId;
    await driver.addRules(groupId, [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }], { actor: BOB, requestId: 'req-ssh' });
    const group = (await http.get(`/v1/security-groups/${groupId}`)).body;
    sshRuleId = group.inboundRules.find((r: { type: string }) => r.type === 'SSH').id;
    await driver.updateGroup(groupId, { name: 'web-2', tags: { team: 'infra', env: 'prod' } }, { actor: BOB, requestId: 'req-rename' });
    await driver.changeAppliedTo(groupId, 'add', { instanceIds: [instanceId], cidrs: ['10.0.5.0/24'] }, { actor: ALICE, requestId: 'req-apply' });
    await driver.removeRules(groupId, [sshRuleId], { actor: ALICE, requestId: 'req-unssh' });
  });
  afterAll(() => api.close());

  it('shows each change with what it did, who did it and under which request', async () => {
    const res = await http.get(`/v1/security-groups/${groupId}/changes`);
    expect(res.status).toBe(200);
    const events = (await http.get(`/v1/security-groups/${groupId}/events`)).body as { version: number; position: number; type: string; recordedAt: string }[];
    expect(res.body.map((c: { version: number; position: number; type: string; recordedAt: string }) => [c.version, c.position, c.type, c.recordedAt])).toEqual(
      events.map((e) => [e.version, e.position, e.type, e.recordedAt]),
    );
    const empty = { created: false, deleted: false, name: null, description: null, tags: { set: {}, removed: {} }, rulesAdded: [], rulesRemoved: [], instancesAttached: [], instancesDetached: [], cidrsAdded: [], cidrsRemoved: [] };
    const byType = (type: string) => res.body.filter((c: { type: string }) => c.type === type);

    expect(byType('security-group.created')).toEqual([{ ...empty, version: 1, position: expect.any(Number), type: 'security-group.created', recordedAt: expect.any(String), actor: ALICE, requestId: 'req-create', created: true, tags: { set: { team: 'ml', owner: 'alice' }, removed: {} } }]);
    const [initialRules, ssh] = byType('security-group.rules.added');
    expect(initialRules).toMatchObject({ actor: ALICE, requestId: 'req-create', created: false, rulesRemoved: [] });
    expect(initialRules.rulesAdded).toEqual([expect.objectContaining({ type: 'HTTPS', direction: 'inbound', remote: '0.0.0.0/0' })]);
    expect(ssh).toEqual({ ...empty, version: ssh.version, position: ssh.position, type: 'security-group.rules.added', recordedAt: ssh.recordedAt, actor: BOB, requestId: 'req-ssh', rulesAdded: [expect.objectContaining({ id: sshRuleId, type: 'SSH', portRange: { from: 22, to: 22 }, remote: '0.0.0.0/0' })] });
    expect(byType('security-group.updated')).toEqual([expect.objectContaining({ ...empty, actor: BOB, requestId: 'req-rename', name: { from: 'web', to: 'web-2' }, tags: { set: { team: 'infra', env: 'prod' }, removed: { owner: 'alice' } } })]);
    expect(byType('security-group.applied-to.changed')).toEqual([expect.objectContaining({ ...empty, actor: ALICE, requestId: 'req-apply', instancesAttached: [instanceId], cidrsAdded: ['10.0.5.0/24'] })]);
    expect(byType('security-group.rules.removed')).toEqual([expect.objectContaining({ ...empty, actor: ALICE, requestId: 'req-unssh', rulesRemoved: [expect.objectContaining({ id: sshRuleId, type: 'SSH' })] })]);
  });

  it('keeps to the window of recordedAt: from inclusive, to exclusive', async () => {
    const all = (await http.get(`/v1/security-groups/${groupId}/changes`)).body as { version: number; recordedAt: string }[];
    const times = [...new Set(all.map((c) => c.recordedAt))].sort();
    const [from, to] = [times[1], times[times.length - 1]];
    const windowed = (await http.get(`/v1/security-groups/${groupId}/changes?from=${from}&to=${to}`)).body;
    expect(windowed).toEqual(all.filter((c) => c.recordedAt >= from && c.recordedAt < to));
    expect(windowed.length).toBeGreaterThan(0);
    expect((await http.get(`/v1/security-groups/${groupId}/changes?from=${from}&to=${from}`)).body).toEqual([]);
  });

  it('is 404 for another tenant\'s group or an unknown one, and 400 for a bad window', async () => {
    for (const res of [await http.as('otherTenant').get(`/v1/security-groups/${groupId}/changes`), await http.get('/v1/security-groups/sg-nope/changes')]) {
      expect(res.status).toBe(404);
    }
    expect((await http.as('operator').get(`/v1/security-groups/${groupId}/changes`)).status).toBe(200);
    for (const [query, paths] of [['from=yesterday', ['from']], ['to=2026-02-30T00:00:00Z', ['to']], ['from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z', ['to']], ['from=a&from=b', ['from']]] as const) {
      const res = await http.get(`/v1/security-groups/${groupId}/changes?${query}`);
      expect({ query, status: res.status, paths: res.body.errors?.map((e: { path: string }) => e.path) }).toEqual({ query, status: 400, paths });
    }
  });
});
