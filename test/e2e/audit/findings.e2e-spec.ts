import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { openSse } from '../../support/sse';
import { eventually, settled, startSystem, System } from '../../support/system';

const ROOT = resolve(__dirname, '../../..');

interface StoredEventView {
  position: number;
  version: number;
  type: string;
  metadata: { actor: string; requestId?: string };
}

/**
 * Findings end to end: the API's appends open and close them (the findings projection, in the
 * append's transaction, as the service role), GET /v1/findings lists them, the worker's relay
 * notifies the ones that open, and projections:rebuild gives back the same rows.
 */
describe('Findings', () => {
  let sys: System;
  let vpcId: string;
  let groupId: string;
  let sshRuleId: string;
  let opened: { requestId: string; event: StoredEventView };
  let closed: { requestId: string; event: StoredEventView };

  const eventOf = async (type: string, version?: number): Promise<StoredEventView> => {
    const events = (await sys.http.get(`/v1/security-groups/${groupId}/events`)).body as StoredEventView[];
    return events.filter((e) => e.type === type && (version === undefined || e.version === version)).pop()!;
  };
  const findings = async (query = '', who: 'member' | 'otherTenant' | 'operator' = 'member') => {
    const res = await sys.http.as(who).get(`/v1/findings${query}`);
    expect(res.status).toBe(200);
    return res.body as any[];
  };

  beforeAll(async () => {
    sys = await startSystem({ agents: [] });
    vpcId = (await sys.http.post('/v1/vpcs', { name: 'findings', cidr: '10.0.0.0/16' })).body.id;
    const created = await sys.http.post('/v1/security-groups', { vpcId, name: 'web', rules: [{ direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' }] });
    expect(created.status).toBe(201);
    groupId = created.body.id;
    await settled(sys.http, created.body.operation.id);

    const added = await sys.http.post(`/v1/security-groups/${groupId}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }] });
    expect(added.status).toBe(202);
    sshRuleId = added.body.inboundRules.find((r: { type: string }) => r.type === 'SSH').id;
    opened = { requestId: added.headers.get('x-request-id')!, event: await eventOf('security-group.rules.added') };
    await settled(sys.http, added.body.operation.id);
  }, 60_000);
  afterAll(() => sys?.close());

  it('opens an ssh-open-to-world finding when SSH from All IPv4 is added, pointing at that event, its actor and request id', async () => {
    const open = await findings(`?status=open&groupId=${groupId}`);
    const ssh = open.filter((f) => f.check === 'ssh-open-to-world');
    expect(ssh).toEqual([
      {
        id: expect.stringMatching(/^fd-/),
        tenant: 'demo',
        check: 'ssh-open-to-world',
        severity: 'high',
        status: 'open',
        resource: { type: 'security-group', id: groupId },
        groupId,
        instanceId: null,
        details: { rules: [{ ruleId: sshRuleId, protocol: 'tcp', ports: '22', remote: '0.0.0.0/0' }] },
        openedAt: expect.any(String),
        openedBy: {
          position: String(opened.event.position),
          streamId: groupId,
          version: opened.event.version,
          type: 'security-group.rules.added',
          actor: opened.event.metadata.actor,
          requestId: opened.requestId,
        },
        closedAt: null,
        closedBy: null,
      },
    ]);
    expect(opened.event.metadata.requestId).toBe(opened.requestId);
    expect(opened.event.metadata.actor).toMatch(/^demo\/member#/);
    // HTTPS alone from the world is no finding; a group applied to nothing is one of its own.
    expect(open.map((f) => f.check).sort()).toEqual(['group-unattached', 'ssh-open-to-world']);
  });

  it('notifies the tenant when the finding opens, on the list and on the stream, to the clients that ask for findings', async () => {
    const notification = await eventually('the relay to notify the finding', async () => {
      const res = await sys.http.get('/v1/notifications?after=0&kinds=operation,finding.opened');
      return (res.body as any[]).find((n) => n.kind === 'finding.opened' && n.finding.check === 'ssh-open-to-world' && n.finding.groupId === groupId);
    });
    const [finding] = (await findings(`?groupId=${groupId}`)).filter((f) => f.check === 'ssh-open-to-world');
    expect(notification).toEqual({ id: expect.any(Number), kind: 'finding.opened', operation: null, finding: { ...finding, status: 'open', closedAt: null, closedBy: null } });
    const stream = await openSse(sys.api.url, '/v1/notifications/stream?kinds=finding.opened', 'member', String(notification.id - 1));
    const [frame] = await stream.waitFor('the finding on the stream', (events) => events.length > 0);
    stream.close();
    expect(frame).toMatchObject({ id: String(notification.id), event: 'finding.opened', data: notification.finding });
    expect((await sys.http.as('otherTenant').get('/v1/notifications?after=0&kinds=finding.opened')).body).toEqual([]);
    // Without `kinds`, operations only: every item has its operation, as clients that only follow
    // their changes expect.
    const plain = (await sys.http.get('/v1/notifications?after=0')).body as any[];
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.every((n) => n.kind === 'operation' && n.operation !== null)).toBe(true);
    expect(plain.some((n) => n.id === notification.id)).toBe(false);
    const onlyFindings = (await sys.http.get('/v1/notifications?after=0&kinds=finding.opened')).body as any[];
    expect(onlyFindings.every((n) => n.kind === 'finding.opened')).toBe(true);
    expect(onlyFindings.map((n) => n.id)).toContain(notification.id);
    for (const bad of ['finding', 'operation,', 'operation,nope']) {
      const res = await sys.http.get(`/v1/notifications?kinds=${encodeURIComponent(bad)}`);
      expect([bad, res.status, res.body.errors?.[0]?.path]).toEqual([bad, 400, 'kinds']);
    }
  });

  it('closes it when the rule is removed, pointing at the removing event', async () => {
    const removed = await sys.http.delete(`/v1/security-groups/${groupId}/rules/${sshRuleId}`);
    expect(removed.status).toBe(202);
    closed = { requestId: removed.headers.get('x-request-id')!, event: await eventOf('security-group.rules.removed') };
    await settled(sys.http, removed.body.operation.id);

    expect((await findings(`?status=open&groupId=${groupId}`)).map((f) => f.check)).toEqual(['group-unattached']);
    const [ssh] = await findings(`?status=closed&groupId=${groupId}`);
    expect(ssh).toMatchObject({
      check: 'ssh-open-to-world',
      status: 'closed',
      openedBy: { position: String(opened.event.position), requestId: opened.requestId },
      closedAt: expect.any(String),
      closedBy: { position: String(closed.event.position), streamId: groupId, version: closed.event.version, type: 'security-group.rules.removed', actor: closed.event.metadata.actor, requestId: closed.requestId },
    });
    expect(Date.parse(ssh.closedAt)).toBeGreaterThanOrEqual(Date.parse(ssh.openedAt));
  });

  it('filters by status and group, pages newest first, and keeps other tenants out', async () => {
    const other = (await sys.http.post('/v1/security-groups', { vpcId, name: 'db', rules: [{ direction: 'inbound', preset: 'RDP', remote: 'all-ipv6' }] })).body;
    await settled(sys.http, other.operation.id);
    const all = await findings();
    expect(all.map((f) => f.id)).toEqual([...all.map((f) => f.id)].sort().reverse());
    expect(all.filter((f) => f.groupId === other.id).map((f) => f.check).sort()).toEqual(['group-unattached', 'rdp-open-to-world']);
    expect((await findings(`?groupId=${other.id}`)).every((f) => f.groupId === other.id)).toBe(true);
    expect((await findings('?status=closed')).map((f) => f.check)).toEqual(['ssh-open-to-world']);

    const first = await sys.http.get('/v1/findings?limit=1');
    expect(first.body).toEqual([all[0]]);
    const next = await sys.http.get(`/v1/findings?limit=1&cursor=${first.headers.get('next-cursor')}`);
    expect(next.body).toEqual([all[1]]);
    expect(first.headers.get('link')).toMatch(/rel="next"/);

    expect(await findings('', 'otherTenant')).toEqual([]);
    expect(await findings(`?groupId=${groupId}`, 'otherTenant')).toEqual([]);
    expect((await findings(`?groupId=${groupId}`, 'operator')).map((f) => f.id)).toEqual((await findings(`?groupId=${groupId}`)).map((f) => f.id));
  });

  it('answers a bad query with a 400 naming each bad field', async () => {
    for (const [query, paths] of [
      ['status=opened', ['status']],
      ['groupId=vpc-1', ['groupId']],
      ['groupId=', ['groupId']],
      ['status=open&status=closed', ['status']],
      ['limit=0', ['limit']],
      ['cursor=nonsense', ['cursor']],
      ['status=x&groupId=%20&limit=5000', ['status', 'groupId', 'limit']],
    ] as const) {
      const res = await sys.http.get(`/v1/findings?${query}`);
      expect({ query, status: res.status, type: res.headers.get('content-type'), paths: res.body.errors?.map((e: { path: string }) => e.path) }).toEqual({
        query,
        status: 400,
        type: expect.stringContaining('application/problem+json'),
        paths,
      });
    }
  });

  it('npm run projections:rebuild gives back the same findings', async () => {
    const before = await findings('?limit=1000', 'operator');
    const rows = () => sys.api.db.dataSource.query(`SELECT to_jsonb(f) AS r FROM rm_findings f ORDER BY id`);
    const stored = await rows();
    const { stdout } = await promisify(execFile)('npm', ['run', '-s', 'projections:rebuild'], { cwd: ROOT, env: { ...process.env, DATABASE_URL: sys.api.db.url } });
    expect(stdout).toMatch(/Replayed \d+ events/);
    expect(await rows()).toEqual(stored);
    expect(await findings('?limit=1000', 'operator')).toEqual(before);
    expect(before.length).toBeGreaterThanOrEqual(4);
  });
});
