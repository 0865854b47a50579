import { client, Client, startApi, StartedApi } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';

/** The per-group rule quota, lowered to 3 (LIMIT_RULES_PER_GROUP) so that it is quick to reach. */
describe('rule quota over HTTP', () => {
  let api: StartedApi;
  let http: Client;

  beforeAll(async () => {
    api = await startApi({ LIMIT_RULES_PER_GROUP: '3' });
    http = client(api.url);
  });
  afterAll(() => api.close());

  const rulesOf = (id: string) => `/v1/security-groups/${id}/rules`;
  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;

  it('allows the limit and refuses the rule past it with quota-exceeded, writing nothing', async () => {
    const g = await createVpcWithGroup(http);
    const upTo = await http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['10.0.0.0/8'] }, { direction: 'inbound', preset: 'HTTP' }] });
    expect(upTo.status).toBe(202);
    expect((await http.post(rulesOf(g.id), { rules: [{ direction: 'outbound', protocol: 'all' }] })).status).toBe(202);

    const before = await eventCount();
    const past = await http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'HTTPS' }] });
    expect(past.status).toBe(422);
    expect(past.body.type).toBe('quota-exceeded');
    expect(past.body.detail).toMatch(/at most 3 rules/);
    expect(await eventCount()).toBe(before);
    const group = await http.get(`/v1/security-groups/${g.id}`);
    expect(group.body.inboundRules.length + group.body.outboundRules.length).toBe(3);
  });

  it('counts the addresses of a list, one rule each', async () => {
    const g = await createVpcWithGroup(http);
    const before = await eventCount();
    const res = await http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'SSH', remote: ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'] }] });
    expect([res.status, res.body.type]).toEqual([422, 'quota-exceeded']);
    expect(await eventCount()).toBe(before);
  });

  it('applies to a replaced set too, and a smaller set frees room', async () => {
    const g = await createVpcWithGroup(http);
    const four = { inboundRules: [{ preset: 'SSH', remote: ['10.0.0.0/8'] }, { preset: 'HTTP' }, { preset: 'HTTPS' }], outboundRules: [{ protocol: 'all' }] };
    const before = await eventCount();
    const res = await http.put(rulesOf(g.id), four);
    expect([res.status, res.body.type]).toEqual([422, 'quota-exceeded']);
    expect(await eventCount()).toBe(before);

    expect((await http.put(rulesOf(g.id), { ...four, outboundRules: [] })).status).toBe(202);
    expect((await http.put(rulesOf(g.id), { inboundRules: [{ preset: 'SSH', remote: ['10.0.0.0/8'] }], outboundRules: [{ protocol: 'all' }, { protocol: 'udp', ports: 53 }] })).status).toBe(202);
  });
});
