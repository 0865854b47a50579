import { client, Client, startApi, StartedApi, Who } from '../../support/api';
import { eventually } from '../../support/async';

interface FeedEvent {
  position: number;
  streamId: string;
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: { actor: string; tenant: string; requestId: string | null; clientRequestId: string | null; idempotencyKey: string | null };
  recordedAt: string;
}

/** CloudEvents 1.0 §3.1.1: attribute names are lowercase letters and digits (20 at most is a SHOULD, kept here). */
const ATTRIBUTE_NAME = /^[a-z0-9]{1,20}$/;
/** RFC 3339, which `time` must be. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
/** A URI-reference as `source` must be: no spaces or control characters, nothing outside RFC 3986's characters. */
const URI_REFERENCE = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
/** The CloudEvents type system's Integer: a signed 32-bit number. */
const isCeInteger = (v: unknown) => Number.isInteger(v) && (v as number) >= -(2 ** 31) && (v as number) < 2 ** 31;

/** Every way `event` breaks CloudEvents 1.0 (JSON event format), as messages; empty when it is a valid event. */
function cloudEventIssues(event: Record<string, unknown>): string[] {
  const issues: string[] = [];
  const nonEmptyString = (name: string) => {
    if (typeof event[name] !== 'string' || event[name] === '') issues.push(`${name} must be a non-empty string`);
  };
  if (event.specversion !== '1.0') issues.push('specversion must be "1.0"');
  for (const required of ['id', 'source', 'type']) nonEmptyString(required);
  if (typeof event.source === 'string' && !URI_REFERENCE.test(event.source)) issues.push('source must be a URI-reference');
  if ('subject' in event) nonEmptyString('subject');
  if ('time' in event && !(typeof event.time === 'string' && RFC3339.test(event.time) && !Number.isNaN(Date.parse(event.time)))) issues.push('time must be RFC 3339');
  if ('datacontenttype' in event) nonEmptyString('datacontenttype');
  if ('data' in event && 'data_base64' in event) issues.push('data and data_base64 are exclusive');
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || name === 'data_base64') continue;
    if (!ATTRIBUTE_NAME.test(name)) issues.push(`attribute name ${name} is not lowercase letters and digits`);
    // Context attributes are of the CloudEvents types: in JSON a string, a boolean or a 32-bit integer (null means absent).
    if (!(typeof value === 'string' || typeof value === 'boolean' || isCeInteger(value))) issues.push(`attribute ${name} has a value of no CloudEvents type`);
  }
  return issues;
}

describe('GET /v1/events/export?format=cloudevents', () => {
  let api: StartedApi;
  let http: Client;

  const follow = async (who: Who): Promise<FeedEvent[]> => {
    const events: FeedEvent[] = [];
    for (let after = '0'; ;) {
      const res = await http.as(who).get(`/v1/events?after=${after}&limit=1000`);
      expect(res.status).toBe(200);
      if (res.body.length === 0) return events;
      events.push(...res.body);
      after = res.headers.get('next-after')!;
    }
  };
  const exportOf = async (who: Who, query = 'format=cloudevents') => {
    const res = await http.as(who).get(`/v1/events/export?${query}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(res.text === '' || res.text.endsWith('\n')).toBe(true);
    return res.text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>);
  };
  const countAll = async () => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n as number;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    const vpc = (await http.post('/v1/vpcs', { name: 'ce-net' }, { 'x-request-id': 'ce-request-1', 'idempotency-key': 'ce-vpc-1' })).body;
    const group = await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'web', rules: [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }] });
    expect(group.status).toBe(201);
    const removed = await http.delete(`/v1/security-groups/${group.body.id}/rules/${group.body.inboundRules[0].id}`);
    expect({ status: removed.status, body: removed.body }).toMatchObject({ status: 202 });
    await http.as('otherTenant').post('/v1/vpcs', { name: 'acme-net' });
  });
  afterAll(() => api.close());

  it('writes every event of the feed, in the feed\'s order, each a valid CloudEvents 1.0 event', async () => {
    const total = await countAll();
    const feed = await eventually(async () => {
      const events = await follow('operator');
      return events.length === total ? events : undefined;
    }, { what: 'the whole feed' });
    const exported = await exportOf('operator');

    expect(exported).toHaveLength(feed.length);
    expect(exported.map((e) => [e.id, cloudEventIssues(e)])).toEqual(feed.map((e) => [String(e.position), []]));
    expect(new Set(exported.map((e) => `${e.source}|${e.id}`)).size).toBe(exported.length);
  });

  it('carries each event whole: its type, resource, time, data, actor and request', async () => {
    const feed = await follow('operator');
    const exported = await exportOf('operator');
    exported.forEach((ce, i) => {
      const e = feed[i];
      const expected: Record<string, unknown> = {
        specversion: '1.0',
        id: String(e.position),
        source: e.streamId.startsWith('sg-') ? `/tenants/${e.metadata.tenant}/security-group` : expect.stringMatching(new RegExp(`^/tenants/${e.metadata.tenant}/[a-z-]+$`)),
        type: e.type,
        subject: e.streamId,
        time: e.recordedAt,
        datacontenttype: 'application/json',
        data: e.data,
        streamversion: e.version,
        actor: e.metadata.actor,
        tenant: e.metadata.tenant,
      };
      if (e.metadata.requestId !== null) expected.requestid = e.metadata.requestId;
      if (e.metadata.clientRequestId !== null) expected.clientrequestid = e.metadata.clientRequestId;
      if (e.metadata.idempotencyKey !== null) expected.idempotencykey = e.metadata.idempotencyKey;
      expect(ce).toEqual(expected);
    });
    const vpcEvent = feed.find((e) => e.type === 'vpc.created' && e.metadata.tenant === 'demo')!;
    expect(exported.find((ce) => ce.subject === vpcEvent.streamId)).toMatchObject({ requestid: expect.not.stringMatching(/^ce-request-1$/), clientrequestid: 'ce-request-1', idempotencykey: 'ce-vpc-1', source: '/tenants/demo/vpc' });
    expect(exported.map((ce) => ce.type)).toEqual(expect.arrayContaining(['security-group.created', 'security-group.rules.added', 'security-group.rules.removed']));
  });

  it('gives a member its own tenant\'s events only, and starts after the given position', async () => {
    const demo = await follow('member');
    const mine = await exportOf('member');
    expect(mine.map((e) => e.id)).toEqual(demo.map((e) => String(e.position)));
    expect(mine.every((e) => e.tenant === 'demo' && String(e.source).startsWith('/tenants/demo/'))).toBe(true);
    const acme = await exportOf('otherTenant');
    expect(acme.length).toBeGreaterThan(0);
    expect(acme.filter((e) => e.tenant !== 'acme')).toEqual([]);

    const all = await exportOf('operator');
    expect(await exportOf('operator', `format=cloudevents&after=${all[2].id}`)).toEqual(all.slice(3));
    expect(await exportOf('operator', `after=${all[2].id}&format=ndjson`)).toEqual((await follow('operator')).slice(3));
  });

  it('refuses an unknown format with a 400 naming it', async () => {
    for (const query of ['format=cloudevent', 'format=CSV', 'format=', 'format=ndjson&format=cloudevents']) {
      const res = await http.get(`/v1/events/export?${query}`);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['format']);
    }
  });
});
