import { spawnAgent } from '../../support/agent-process';
import { KEYS } from '../../support/api';
import { eventually, groupOnTwoHypervisors, settled, startSystem, System } from '../../support/system';
import { openSse } from '../../support/sse';

/** API, worker and two agents (separate processes) over real HTTP, on real Postgres and Redis. */
describe('propagation to the agents', () => {
  let sys: System;
  let vpcId: string;
  let groupId: string;

  beforeAll(async () => {
    sys = await startSystem({ agents: ['hv-1', 'hv-2'] });
    const setup = await groupOnTwoHypervisors(sys.http, sys.operator, 'ml', 'web');
    groupId = setup.groupId;
    vpcId = setup.vpcId;
  });
  afterAll(() => sys.close());

  it('a rule reaches both hypervisors; the SSE stream shows queued → in-progress → succeeded, and a reconnect gets exactly what it missed', async () => {
    const stream = await openSse(sys.api.url, '/v1/notifications/stream');
    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.0/24'] }] });
    expect(added.status).toBe(202);
    const opId = added.body.operation.id;
    const ruleId = added.body.inboundRules[0].id;

    const seen = await stream.waitFor('the operation to succeed', (events) => events.some((e) => e.data.id === opId && e.data.status === 'succeeded'));
    const mine = seen.filter((e) => e.data.id === opId);
    expect(mine.map((e) => e.data.status)).toEqual(['queued', 'in-progress', 'succeeded']);
    expect(mine.every((e) => e.event === 'operation')).toBe(true);
    const ids = seen.map((e) => Number(e.id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    const final = mine[2].data;
    expect(final).toMatchObject({ type: 'security-group.rules.added', status: 'succeeded', progress: { done: 2, total: 2 }, finishedAt: expect.any(String) });
    expect(final.message).toBe('Added 1 inbound rule to web; applied on 2 instances across 2 hypervisors');
    stream.close();

    for (const hv of ['hv-1', 'hv-2']) {
      const target = final.targets.find((t: { hypervisorId: string }) => t.hypervisorId === hv);
      const state = await sys.agents.get(hv)!.state();
      expect(state.appliedRevision).toBeGreaterThanOrEqual(target.appliedRevision);
      const rules = state.ports.flatMap((p) => p.groups.flatMap((g) => g.rules));
      expect(rules).toContainEqual(expect.objectContaining({ id: ruleId, protocol: 'tcp', portRange: { from: 22, to: 22 }, remoteCidrs: ['203.0.113.0/24'] }));
    }
    const hypervisors = (await sys.operator.get('/v1/hypervisors')).body;
    for (const hv of hypervisors) expect(hv.appliedRevision).toBe(hv.desiredRevision);

    // A console that dropped after the first notification reconnects with Last-Event-ID.
    const firstId = mine[0].id!;
    const resumed = await openSse(sys.api.url, '/v1/notifications/stream', 'member', firstId);
    const missed = seen.filter((e) => Number(e.id) > Number(firstId));
    await resumed.waitFor('the missed notifications', (events) => events.length >= missed.length, 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(resumed.events.map((e) => e.id)).toEqual(missed.map((e) => e.id));
    resumed.close();

    // The same notifications for clients that poll.
    const polled = await sys.http.get(`/v1/notifications?after=${firstId}`);
    expect(polled.body.map((n: { id: number }) => String(n.id))).toEqual(missed.map((e) => e.id));
  });

  it('another tenant\'s stream never sees these operations', async () => {
    const other = await openSse(sys.api.url, '/v1/notifications/stream', 'otherTenant');
    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' }] });
    await settled(sys.http, added.body.operation.id);
    await new Promise((r) => setTimeout(r, 500));
    expect(other.events).toEqual([]);
    other.close();
    expect((await sys.http.as('otherTenant').get('/v1/notifications?after=0')).body).toEqual([]);
  });

  it('a remote-group rule follows membership: a new member\'s address appears on the other hypervisor', async () => {
    const db = await sys.http.post('/v1/security-groups', { vpcId, name: 'db' });
    const allowFromDb = await sys.http.post(`/v1/security-groups/${groupId}/rules`, {
      rules: [{ direction: 'inbound', protocol: 'tcp', ports: '5432', ipVersion: 'IPv4', remote: { group: db.body.id } }],
    });
    await settled(sys.http, allowFromDb.body.operation.id);
    const ruleId = allowFromDb.body.inboundRules.find((r: { remoteGroupId: string | null }) => r.remoteGroupId === db.body.id).id;
    // The members travel once per state, as the group's set; the rule refers to it and carries none.
    const remoteOf = async (hv: string) => {
      const state = await sys.agents.get(hv)!.state();
      const rule = state.ports.flatMap((p) => p.groups.flatMap((g) => g.rules)).find((r) => r.id === ruleId);
      expect(rule).toMatchObject({ remoteGroupId: db.body.id, remoteCidrs: [] });
      return state.remoteGroups.find((g) => g.groupId === db.body.id)?.ipv4;
    };
    expect(await remoteOf('hv-1')).toEqual([]);

    // A VM joins the db group on hv-2; hv-1 (enforcing web's rule) must learn its address.
    const joiner = await sys.http.post('/v1/instances', { name: 'db-1', vpcId, hypervisorId: 'hv-2', ipv4: '10.0.3.7' });
    await settled(sys.http, joiner.body.operation.id);
    const applied = await sys.http.post(`/v1/security-groups/${db.body.id}/applied-to`, { instanceIds: [joiner.body.id] });
    const op = await settled(sys.http, applied.body.operation.id);
    expect(op.status).toBe('succeeded');
    expect(op.targets.map((t: { hypervisorId: string }) => t.hypervisorId).sort()).toEqual(['hv-1', 'hv-2']);
    expect(await remoteOf('hv-1')).toEqual(['10.0.3.7/32']);
    expect(await remoteOf('hv-2')).toEqual(['10.0.3.7/32']);

    // And it leaves again.
    const left = await sys.http.delete(`/v1/security-groups/${db.body.id}/applied-to`, { instanceIds: [joiner.body.id] });
    await settled(sys.http, left.body.operation.id);
    expect(await remoteOf('hv-1')).toEqual([]);
  });

  it('moving an instance updates both hypervisors: its port leaves the old one and appears, with its rules, on the new one', async () => {
    const vm = await sys.http.post('/v1/instances', { name: 'mover', vpcId, hypervisorId: 'hv-1', ipv4: '10.0.4.4' });
    await settled(sys.http, vm.body.operation.id);
    const attached = await sys.http.post(`/v1/security-groups/${groupId}/applied-to`, { instanceIds: [vm.body.id] });
    await settled(sys.http, attached.body.operation.id);
    const portOf = async (hv: string) => (await sys.agents.get(hv)!.state()).ports.find((p) => p.instanceId === vm.body.id);
    const before = await portOf('hv-1');
    expect(before?.groups.map((g) => g.groupId).sort()).toContain(groupId);
    expect(await portOf('hv-2')).toBeUndefined();

    const moved = await sys.http.patch(`/v1/instances/${vm.body.id}`, { hypervisorId: 'hv-2' });
    expect(moved.status).toBe(202);
    const op = await settled(sys.http, moved.body.operation.id);
    expect(op.status).toBe('succeeded');
    expect(op.targets.map((t: { hypervisorId: string }) => t.hypervisorId).sort()).toEqual(['hv-1', 'hv-2']);
    expect(await portOf('hv-1')).toBeUndefined();
    expect(await portOf('hv-2')).toEqual(before);
  });

  it('the reconciler restores an agent that restarted empty without asking for its state', async () => {
    const agent = sys.agents.get('hv-2')!;
    const before = await agent.state();
    expect(before.ports.length).toBeGreaterThan(0);
    // Restarted on the same address, but told not to register or ask for a resync: only the
    // reconciler, comparing the revision it reports with the one recorded, can notice.
    const port = Number(new URL(agent.url).port);
    await agent.kill();
    const fresh = await spawnAgent({ id: 'hv-2', port, apiUrl: sys.api.url, apiKey: KEYS.operator, register: false });
    sys.agents.set('hv-2', fresh);
    expect((await fresh.state()).ports).toEqual([]);
    const restored = await eventually('the reconciler to push hv-2 its state again', async () => {
      const state = await fresh.state();
      return state.ports.length > 0 ? state : undefined;
    }, 20_000);
    expect(restored.ports).toEqual(before.ports);
    expect(restored.appliedRevision).toBeGreaterThan(before.appliedRevision);
  });
});
