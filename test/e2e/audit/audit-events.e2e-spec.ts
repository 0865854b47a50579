import { EventStore } from '@sg/application';
import { DataSource } from 'typeorm';
import { client, Client, startApi, StartedApi, Who } from '../../support/api';
import { DomainDriver } from '../../support/audit-fixtures';
import { eventually } from '../../support/async';
import { startHeldAppend } from '../../support/event-store-fixtures';

interface FeedEvent {
  position: number;
  streamId: string;
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string; tenant: string; requestId: string | null; clientRequestId?: string | null; idempotencyKey: string | null };
  recordedAt: string;
}

const ALICE = 'demo/member#alice001';
const BOB = 'demo/member#bob00002';
const CAROL = 'acme/member#carol003';

describe('GET /v1/audit/events: who changed what', () => {
  let api: StartedApi;
  let http: Client;
  let store: EventStore;
  let demoGroup: string;
  let acmeGroup: string;

  /** Follows `Next-After` from `after` until a page comes back empty. */
  const follow = async (who: Who, path: string, limit = 1000, after = '0') => {
    const events: FeedEvent[] = [];
    const pages: number[] = [];
    for (;;) {
      const sep = path.includes('?') ? '&' : '?';
      const res = await http.as(who).get(`${path}${sep}after=${after}&limit=${limit}`);
      expect({ path, status: res.status, body: res.status === 200 ? undefined : res.body }).toEqual({ path, status: 200, body: undefined });
      after = res.headers.get('next-after')!;
      if (res.body.length === 0) return { events, pages, nextAfter: after };
      pages.push(res.body.length);
      events.push(...res.body);
    }
  };
  const search = async (who: Who, query: string) => (await follow(who, `/v1/audit/events?${query}`)).events;
  const feed = async (who: Who) => (await follow(who, '/v1/events')).events;
  const countAll = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n as number;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    store = api.app.get(EventStore);
    const driver = new DomainDriver(store, api.app.get(DataSource));
    const demo = await driver.createVpc('demo', 'demo-net', null, { actor: ALICE, requestId: 'req-alice-vpc' });
    const acme = await driver.createVpc('acme', 'acme-net', null, { actor: CAROL });
    demoGroup = (await driver.createGroup(demo.vpcId, { name: 'web', rules: [{ direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' }] }, { actor: ALICE })).groupId;
    acmeGroup = (await driver.createGroup(acme.vpcId, { name: 'web', rules: [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }] }, { actor: CAROL })).groupId;
    await driver.addRules(demoGroup, [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }], { actor: BOB, requestId: 'req-bob-ssh' });
    await driver.createGroup(demo.vpcId, { name: 'db' }, { actor: BOB });
    // And some over HTTP, as the member key's own actor.
    const vpc = (await http.post('/v1/vpcs', { name: 'http-net' }, { 'x-request-id': 'req-http-vpc' })).body;
    expect((await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'http', rules: [{ direction: 'inbound', preset: 'HTTP', remote: 'all-ipv4' }] })).status).toBe(201);
    await http.as('otherTenant').post('/v1/vpcs', { name: 'acme-http' });
    const total = await countAll();
    await eventually(async () => ((await feed('operator')).length === total ? true : undefined), { what: 'the whole feed' });
  });
  afterAll(() => api.close());

  it('without a filter, answers as the feed does: a member its tenant\'s events, an operator every tenant\'s', async () => {
    expect(await search('member', '')).toEqual(await feed('member'));
    expect(await search('otherTenant', '')).toEqual(await feed('otherTenant'));
    const all = await search('operator', '');
    expect(all).toEqual(await feed('operator'));
    expect(new Set(all.map((e) => e.metadata.tenant))).toEqual(new Set(['demo', 'acme']));
  });

  it('finds what an actor did, and nothing else', async () => {
    const all = await feed('operator');
    const bob = await search('member', `actor=${encodeURIComponent(BOB)}`);
    expect(bob.map((e) => [e.streamId, e.type, e.metadata.actor])).toEqual(
      all.filter((e) => e.metadata.actor === BOB).map((e) => [e.streamId, e.type, BOB]),
    );
    expect(bob.map((e) => e.type)).toEqual(expect.arrayContaining(['security-group.rules.added']));
    expect(bob.find((e) => e.streamId === demoGroup)?.metadata.requestId).toBe('req-bob-ssh');

    const memberKey = all.find((e) => e.metadata.clientRequestId === 'req-http-vpc')!.metadata.actor;
    const viaHttp = await search('member', `actor=${encodeURIComponent(memberKey)}`);
    expect(viaHttp.length).toBeGreaterThanOrEqual(4);
    expect(viaHttp).toEqual(all.filter((e) => e.metadata.actor === memberKey));
    expect(await search('member', 'actor=nobody%2Fat-all')).toEqual([]);
  });

  it('filters by event type, exact or a family', async () => {
    const all = await feed('operator');
    expect(await search('operator', 'type=security-group.rules.added')).toEqual(all.filter((e) => e.type === 'security-group.rules.added'));
    const family = await search('operator', 'type=security-group.*');
    expect(family).toEqual(all.filter((e) => e.type.startsWith('security-group.')));
    expect(new Set(family.map((e) => e.type))).toEqual(new Set(['security-group.created', 'security-group.rules.added']));
    expect(await search('operator', 'type=vpc.*')).toEqual(all.filter((e) => e.type.startsWith('vpc.')));
    expect(await search('operator', 'type=vpc')).toEqual([]);
  });

  it('gives a resource\'s whole history, as the group\'s own events show it', async () => {
    const history = await search('member', `resourceId=${demoGroup}`);
    expect(history.map((e) => [e.version, e.type, e.metadata.actor])).toEqual([
      [1, 'security-group.created', ALICE],
      [2, 'security-group.rules.added', ALICE],
      [3, 'security-group.rules.added', BOB],
    ]);
    expect(history).toEqual((await http.get(`/v1/security-groups/${demoGroup}/events`)).body);
  });

  it('keeps to the time window: from inclusive, to exclusive, to the millisecond', async () => {
    const all = await feed('operator');
    const times = [...new Set(all.map((e) => e.recordedAt))].sort();
    expect(times.length).toBeGreaterThanOrEqual(3);
    const [from, to] = [times[1], times[times.length - 1]];
    const inWindow = (e: FeedEvent) => e.recordedAt >= from && e.recordedAt < to;
    const windowed = await search('operator', `from=${from}&to=${to}`);
    expect(windowed.length).toBeGreaterThan(0);
    expect(windowed).toEqual(all.filter(inWindow));
    expect(await search('operator', `from=${from}`)).toEqual(all.filter((e) => e.recordedAt >= from));
    expect(await search('operator', `to=${to}`)).toEqual(all.filter((e) => e.recordedAt < to));
    expect(await search('operator', `from=${from}&to=${from}`)).toEqual([]);
    // The same instant written with an offset.
    const shifted = new Date(Date.parse(from) + 2 * 3_600_000).toISOString().replace('Z', '+02:00');
    expect(await search('operator', `from=${encodeURIComponent(shifted)}&to=${to}`)).toEqual(windowed);
  });

  it('combines filters: every one must match', async () => {
    const all = await feed('operator');
    const found = await search('member', `actor=${encodeURIComponent(BOB)}&type=security-group.rules.added&resourceId=${demoGroup}&from=2000-01-01T00:00:00Z`);
    expect(found).toEqual(all.filter((e) => e.metadata.actor === BOB && e.type === 'security-group.rules.added' && e.streamId === demoGroup));
    expect(found.map((e) => [e.streamId, e.version])).toEqual([[demoGroup, 3]]);
  });

  it('never shows a member another tenant\'s events, whatever it asks for', async () => {
    expect(await search('otherTenant', `resourceId=${demoGroup}`)).toEqual([]);
    expect(await search('otherTenant', `actor=${encodeURIComponent(BOB)}`)).toEqual([]);
    expect(await search('member', `resourceId=${acmeGroup}`)).toEqual([]);
    expect(await search('member', `actor=${encodeURIComponent(CAROL)}`)).toEqual([]);
    for (const query of ['', 'type=security-group.*', 'from=2000-01-01T00:00:00Z']) {
      const acme = await search('otherTenant', query);
      expect(acme.length).toBeGreaterThan(0);
      expect(acme.filter((e) => e.metadata.tenant !== 'acme')).toEqual([]);
      expect((await search('member', query)).filter((e) => e.metadata.tenant !== 'demo')).toEqual([]);
    }
    // An operator sees both tenants' groups.
    expect((await search('operator', `resourceId=${acmeGroup}`)).length).toBeGreaterThan(0);
    expect((await search('operator', `resourceId=${demoGroup}`)).length).toBeGreaterThan(0);
  });

  it('pages through matching events in commit order, without a gap or a repeat', async () => {
    for (const [who, query] of [['operator', ''], ['operator', 'type=security-group.*'], ['member', 'type=security-group.rules.added'], ['member', '']] as const) {
      const path = `/v1/audit/events${query ? `?${query}` : ''}`;
      const whole = await follow(who, path);
      const paged = await follow(who, path, 2);
      expect(paged.events).toEqual(whole.events);
      expect(paged.pages.slice(0, -1).every((n) => n === 2)).toBe(true);
      expect(new Set(paged.events.map((e) => e.position)).size).toBe(paged.events.length);
    }
    const first = await http.as('operator').get('/v1/audit/events?type=security-group.*&limit=2');
    expect(first.headers.get('next-after')).toBe(String(first.body[1].position));
    expect(first.headers.get('link')).toBe(`</v1/audit/events?type=security-group.*&limit=2&after=${first.body[1].position}>; rel="next"`);
    const { nextAfter } = await follow('operator', '/v1/audit/events?type=security-group.*');
    const end = await http.as('operator').get(`/v1/audit/events?type=security-group.*&after=${nextAfter}`);
    expect(end.body).toEqual([]);
    expect(end.headers.get('next-after')).toBe(nextAfter);
    expect(end.headers.get('link')).toBeNull();
  });

  it('never lets a reader skip a matching event that commits after a later one', async () => {
    const path = '/v1/audit/events?type=security-group.*';
    const { nextAfter } = await follow('member', path);
    // The held append takes its position first and commits last.
    const held = await startHeldAppend(store, 'sg-held-audit', [{ type: 'security-group.note', data: { at: new Date().toISOString() } }], {
      actor: BOB, tenant: 'demo', requestId: 'held-request',
    });
    const vpc = (await http.post('/v1/vpcs', { name: 'overtaking' })).body;
    const whileOpen = await http.get(`${path}&after=${nextAfter}`);
    expect(whileOpen.body).toEqual([]);
    expect(whileOpen.headers.get('next-after')).toBe(nextAfter);

    await held.commit();
    const after = await eventually(async () => {
      const read = await follow('member', path, 1000, nextAfter);
      return read.events.length >= 3 ? read : undefined;
    }, { what: 'the held event and the later ones' });
    expect(after.events.map((e) => [e.streamId, e.type])).toEqual([
      ['sg-held-audit', 'security-group.note'],
      [vpc.defaultSecurityGroupId, 'security-group.created'],
      [vpc.defaultSecurityGroupId, 'security-group.rules.added'],
    ]);
  });

  it('refuses bad filters with a 400 problem naming each, and a missing key with 401', async () => {
    const { nextAfter } = await follow('operator', '/v1/audit/events');
    const cases: [string, string[]][] = [
      ['actor=', ['actor']],
      [`actor=${'x'.repeat(257)}`, ['actor']],
      ['actor=a&actor=b', ['actor']],
      ['type=Vpc.Created', ['type']],
      ['type=*', ['type']],
      ['type=vpc.created%27%20OR%201%3D1', ['type']],
      ['resourceId=sg%201', ['resourceId']],
      ['from=yesterday', ['from']],
      ['to=2026-02-30T00:00:00Z', ['to']],
      ['from=2026-11-28T00:00:00Z&to=2026-11-27T00:00:00Z', ['to']],
      ['limit=0', ['limit']],
      ['limit=1001', ['limit']],
      ['after=abc', ['after']],
      [`after=${Number(nextAfter) + 1000}`, ['after']],
      ['from=x&type=?&limit=z', ['type', 'from', 'limit']],
    ];
    for (const [query, paths] of cases) {
      const res = await http.get(`/v1/audit/events?${query}`);
      expect({ query, status: res.status, type: res.body.type, paths: res.body.errors?.map((e: { path: string }) => e.path) }).toEqual({ query, status: 400, type: 'validation-failed', paths });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    }
    expect((await http.as('nobody').get('/v1/audit/events')).status).toBe(401);
  });
});
