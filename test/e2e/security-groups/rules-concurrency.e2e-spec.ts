import { client, Client, startApi, StartedApi } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';

/** API.md "Concurrency": without If-Match concurrent writers never lose each other's changes. */
describe('concurrent rule changes over HTTP', () => {
  let api: StartedApi;
  let http: Client;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
  });
  afterAll(() => api.close());

  const rulesOf = (id: string) => `/v1/security-groups/${id}/rules`;

  async function streamVersion(id: string): Promise<number> {
    const [{ v }] = await api.db.dataSource.query(`SELECT COALESCE(max(version), 0)::int AS v FROM events WHERE stream_id = $1`, [id]);
    return v;
  }

  it('50 clients adding different rules at once all succeed, and the group ends with all 50', async () => {
    const g = await createVpcWithGroup(http);
    const ports = Array.from({ length: 50 }, (_, i) => 10_000 + i);
    const replies = await Promise.all(ports.map((port) => http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', protocol: 'tcp', ports: port, remote: ['10.0.0.0/8'] }] })));

    expect(replies.map((r) => r.status)).toEqual(ports.map(() => 202));
    // Each answer is the group right after its own write: every version once, each showing its rule.
    expect(replies.map((r) => r.body.version).sort((a, b) => a - b)).toEqual(ports.map((_, i) => g.version + 1 + i));
    replies.forEach((r, i) => expect(r.body.inboundRules.map((rule: any) => rule.portRange.from)).toContain(ports[i]));
    const group = await http.get(`/v1/security-groups/${g.id}`);
    expect(group.body.version).toBe(g.version + 50);
    expect(group.body.inboundRules.map((rule: any) => rule.portRange.from).sort()).toEqual(ports);
    expect(new Set(group.body.inboundRules.map((rule: any) => rule.id)).size).toBe(50);
    expect(await streamVersion(g.id)).toBe(g.version + 50);
  });

  it('with the same If-Match, one of many concurrent writers wins and the rest get 412', async () => {
    const g = await createVpcWithGroup(http);
    const replies = await Promise.all(
      Array.from({ length: 10 }, (_, i) => http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', protocol: 'udp', ports: 20_000 + i }] }, { 'if-match': `"${g.version}"` })),
    );
    expect(replies.map((r) => r.status).sort()).toEqual([202, ...Array(9).fill(412)]);
    expect(replies.filter((r) => r.status === 412).every((r) => r.body.type === 'version-mismatch')).toBe(true);
    expect(await streamVersion(g.id)).toBe(g.version + 1);
  });

  it('a stale If-Match is 412 and writes nothing', async () => {
    const g = await createVpcWithGroup(http);
    await http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'HTTP' }] });
    const [{ n: before }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    const res = await http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'HTTPS' }] }, { 'if-match': `"${g.version}"` });
    expect(res.status).toBe(412);
    expect(res.body.type).toBe('version-mismatch');
    const [{ n: after }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    expect(after).toBe(before);
    expect(await streamVersion(g.id)).toBe(g.version + 1);
  });

  it('concurrent additions of the same rule: one lands, the re-run others see it and get duplicate-rule', async () => {
    const g = await createVpcWithGroup(http);
    const replies = await Promise.all(Array.from({ length: 8 }, () => http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'MySQL', remote: ['10.1.0.0/16'] }] })));
    const won = replies.filter((r) => r.status === 202);
    expect(won).toHaveLength(1);
    const ruleId = won[0].body.inboundRules[0].id;
    for (const r of replies.filter((x) => x.status !== 202)) {
      expect([r.status, r.body.type]).toEqual([409, 'duplicate-rule']);
      expect(r.body.detail).toContain(ruleId);
    }
    expect(await streamVersion(g.id)).toBe(g.version + 1);
  });
});
