import { decideRegisterHypervisor, initialHypervisorState } from '@sg/domain';
import { EventStore, StreamIds, StreamTypes } from '@sg/application';
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
  metadata: { actor: string; tenant: string; requestId: string | null; idempotencyKey: string | null };
  recordedAt: string;
}

describe('The event feed and its export over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let store: EventStore;
  const created: Record<'demo' | 'acme', string[]> = { demo: [], acme: [] };

  /** Follows `Next-After` from `after` until a page comes back empty. */
  const follow = async (who: Who, after = '0', limit = 1000): Promise<{ events: FeedEvent[]; pages: number[]; nextAfter: string }> => {
    const events: FeedEvent[] = [];
    const pages: number[] = [];
    for (;;) {
      const res = await http.as(who).get(`/v1/events?after=${after}&limit=${limit}`);
      expect(res.status).toBe(200);
      after = res.headers.get('next-after')!;
      if (res.body.length === 0) return { events, pages, nextAfter: after };
      pages.push(res.body.length);
      events.push(...res.body);
    }
  };
  /** The feed may lag while any transaction on the server is open (other test files run in parallel). */
  const followUntil = (who: Who, enough: (events: FeedEvent[]) => boolean, after = '0', limit = 1000) =>
    eventually(async () => {
      const read = await follow(who, after, limit);
      return enough(read.events) ? read : undefined;
    }, { what: `the feed of ${who}` });
  const exportOf = async (who: Who, after = '0') => {
    const res = await http.as(who).get(`/v1/events/export?after=${after}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.text === '' || res.text.endsWith('\n')).toBe(true);
    return res.text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as FeedEvent);
  };
  const countAll = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n as number;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    store = api.app.get(EventStore);
    for (const [who, tenant] of [['member', 'demo'], ['otherTenant', 'acme'], ['member', 'demo'], ['otherTenant', 'acme'], ['member', 'demo']] as const) {
      const res = await http.as(who).post('/v1/vpcs', { name: `${tenant}-net` });
      created[tenant].push(res.body.id, res.body.defaultSecurityGroupId);
    }
    const driver = new DomainDriver(store, api.app.get(DataSource));
    const { groupId } = await driver.createGroup(created.demo[0], { name: 'web', rules: [{ direction: 'inbound', preset: 'HTTPS', remote: 'all-ipv4' }] });
    created.demo.push(groupId);
    await driver.registerHypervisor('hv-feed-1', 'http://10.9.0.1:7001');
  });
  afterAll(() => api.close());

  describe('GET /v1/events', () => {
    it('gives an operator every tenant\'s events and a member only its own', async () => {
      const total = await countAll();
      const all = await followUntil('operator', (events) => events.length === total);
      expect(new Set(all.events.map((e) => e.metadata.tenant))).toEqual(new Set(['demo', 'acme', 'ops']));

      const demo = await follow('member');
      expect(demo.events).toEqual(all.events.filter((e) => e.metadata.tenant === 'demo'));
      expect(demo.events.map((e) => e.streamId)).toEqual(expect.arrayContaining(created.demo));

      const acme = await follow('otherTenant');
      expect(acme.events).toEqual(all.events.filter((e) => e.metadata.tenant === 'acme'));
      expect(acme.events.filter((e) => created.demo.includes(e.streamId) || e.metadata.tenant !== 'acme')).toEqual([]);
      expect(acme.events.length).toBeGreaterThan(0);
    });

    it('shows each event in the same shape as a group\'s own events', async () => {
      const groupId = created.demo[1];
      const own = (await http.get(`/v1/security-groups/${groupId}/events`)).body as FeedEvent[];
      const { events } = await followUntil('member', (seen) => seen.filter((e) => e.streamId === groupId).length === own.length);
      expect(events.filter((e) => e.streamId === groupId)).toEqual(own);
    });

    it('follows `after` page by page without a gap or a repeat, and says where to continue', async () => {
      const whole = await follow('operator');
      const paged = await follow('operator', '0', 2);
      expect(paged.events).toEqual(whole.events);
      expect(paged.pages.every((n) => n === 2 || n === paged.pages[paged.pages.length - 1])).toBe(true);
      expect(new Set(paged.events.map((e) => e.position)).size).toBe(paged.events.length);

      const first = await http.as('operator').get('/v1/events?limit=2');
      expect(first.headers.get('next-after')).toBe(String(first.body[1].position));
      expect(first.headers.get('link')).toBe(`</v1/events?limit=2&after=${first.body[1].position}>; rel="next"`);
      const end = await http.as('operator').get(`/v1/events?after=${whole.nextAfter}`);
      expect(end.body).toEqual([]);
      expect(end.headers.get('next-after')).toBe(whole.nextAfter);
      expect(end.headers.get('link')).toBeNull();
    });

    it('delivers later events to a reader that continues from its last position', async () => {
      const { nextAfter } = await follow('member');
      const vpc = (await http.post('/v1/vpcs', { name: 'later' })).body;
      const later = await followUntil('member', (events) => events.length >= 3, nextAfter);
      expect(later.events.map((e) => [e.streamId, e.type])).toEqual([
        [vpc.id, 'vpc.created'],
        [vpc.defaultSecurityGroupId, 'security-group.created'],
        [vpc.defaultSecurityGroupId, 'security-group.rules.added'],
      ]);
    });

    it('never lets a reader skip an event that commits after a later one', async () => {
      const { nextAfter } = await follow('member');
      // The held append takes its position first and commits last.
      const held = await startHeldAppend(store, 'sg-held-open', [{ type: 'security-group.note', data: { at: new Date().toISOString() } }], {
        actor: 'demo/member#held', tenant: 'demo', requestId: 'held-request',
      });
      const vpc = (await http.post('/v1/vpcs', { name: 'overtaking' })).body;
      expect(Number(held.result.events[0].position)).toBeLessThan((await http.get(`/v1/security-groups/${vpc.defaultSecurityGroupId}/events`)).body[0].position);

      // Committed, but behind an open transaction: held back rather than handed out past the gap.
      const whileOpen = await http.get(`/v1/events?after=${nextAfter}`);
      expect(whileOpen.body).toEqual([]);
      expect(whileOpen.headers.get('next-after')).toBe(nextAfter);

      await held.commit();
      const after = await followUntil('member', (events) => events.length >= 4, nextAfter);
      expect(after.events.map((e) => e.streamId)).toEqual(['sg-held-open', vpc.id, vpc.defaultSecurityGroupId, vpc.defaultSecurityGroupId]);
    });

    it('refuses a bad `after` or `limit` with 400, and a missing key with 401', async () => {
      const { nextAfter } = await follow('operator');
      const unknown = String(Number(nextAfter) + 1000);
      for (const query of ['after=abc', 'after=-1', `after=${unknown}`, 'after=99999999999999999999', 'after=1.5', 'limit=0', 'limit=1001', 'limit=x', 'after=1&after=2']) {
        const res = await http.get(`/v1/events?${query}`);
        expect({ query, status: res.status, type: res.body.type }).toEqual({ query, status: 400, type: 'validation-failed' });
        expect(res.body.errors[0].path).toMatch(/^(after|limit)$/);
      }
      expect((await http.as('nobody').get('/v1/events')).status).toBe(401);
    });
  });

  describe('GET /v1/events/export', () => {
    it('streams the same events as the feed, one JSON object per line', async () => {
      const feed = await follow('operator');
      expect(await exportOf('operator')).toEqual(feed.events);
      expect(await exportOf('member')).toEqual((await follow('member')).events);
      const acme = await exportOf('otherTenant');
      expect(acme.length).toBeGreaterThan(0);
      expect(acme.filter((e) => e.metadata.tenant !== 'acme')).toEqual([]);
    });

    it('starts after the given position', async () => {
      const feed = await follow('operator');
      const cut = feed.events[4];
      expect(await exportOf('operator', String(cut.position))).toEqual(feed.events.slice(5));
      expect(await exportOf('operator', feed.nextAfter)).toEqual([]);
      const bad = await http.as('operator').get('/v1/events/export?after=nope');
      expect(bad.status).toBe(400);
      expect(bad.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect((await http.as('operator').get(`/v1/events/export?after=${Number(feed.nextAfter) + 1000}`)).status).toBe(400);
    });

    it('goes past a page of 1000 events, and a member\'s export still holds only its tenant\'s', async () => {
      const now = new Date().toISOString();
      const requests = Array.from({ length: 1100 }, (_, i) => {
        const id = `hv-export-${i}`;
        return { streamId: StreamIds.hypervisor(id), streamType: StreamTypes.hypervisor, expectedVersion: 'no-stream' as const, events: decideRegisterHypervisor(initialHypervisorState(), id, `http://10.8.${i >> 8}.${i & 255}:7001`, now) };
      });
      await store.appendToStreams(requests, { actor: 'ops/operator#fixture', tenant: 'ops', requestId: 'bulk-hypervisors' });
      const total = await countAll();
      const feed = await followUntil('operator', (events) => events.length === total);
      expect(feed.pages[0]).toBe(1000);

      const exported = await exportOf('operator');
      expect(exported).toHaveLength(total);
      expect(exported).toEqual(feed.events);
      const mine = await exportOf('member');
      expect(mine.some((e) => e.metadata.tenant !== 'demo')).toBe(false);
      expect(mine).toEqual((await follow('member')).events);
    });
  });
});
