import { client, Client, startApi, StartedApi } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';

/** The /v1 contract on concurrency: without If-Match concurrent writers never lose each other's changes. */
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

  describe('group commit: changes that queue for one group are written together', () => {
    interface EventRow { version: number; type: string; data: any; metadata: any; transaction_id: string }
    const eventsOf = async (id: string): Promise<EventRow[]> =>
      api.db.dataSource.query(`SELECT version, type, data, metadata, transaction_id::text FROM events WHERE stream_id = $1 ORDER BY version`, [id]);

    it("each change keeps its own request's actor and request id, though several share one transaction", async () => {
      const g = await createVpcWithGroup(http);
      const ports = Array.from({ length: 20 }, (_, i) => 11_000 + i);
      const replies = await Promise.all(
        ports.map((port, i) =>
          http.as(i % 2 === 0 ? 'member' : 'operator').post(rulesOf(g.id), { rules: [{ direction: 'inbound', protocol: 'tcp', ports: port }] }, { 'x-request-id': `burst-${port}` }),
        ),
      );
      expect(replies.map((r) => r.status)).toEqual(ports.map(() => 202));

      const added = (await eventsOf(g.id)).filter((e) => e.type === 'security-group.rules.added');
      expect(added).toHaveLength(20);
      for (const e of added) {
        const port = e.data.rules[0].portRange.from;
        expect(e.metadata.clientRequestId).toBe(`burst-${port}`);
        expect(e.metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
        expect(e.metadata.actor).toMatch((port - 11_000) % 2 === 0 ? /^demo\/member#/ : /^ops\/operator#/);
        // The events of the group belong to the group's tenant, whoever wrote them.
        expect(e.metadata.tenant).toBe('demo');
      }
      // Each answer is the group as its own change left it: its version, its rule, none added after it.
      for (const r of replies) {
        const mine = added.find((e) => e.version === r.body.version)!;
        expect(r.body.inboundRules.at(-1).id).toBe(mine.data.rules[0].id);
        expect(r.body.inboundRules).toHaveLength(r.body.version - g.version);
      }
      const transactions = new Set(added.map((e) => e.transaction_id));
      console.log(`20 concurrent changes were written in ${transactions.size} transactions`);
      expect(transactions.size).toBeLessThan(20);
    });

    it('a deletion racing edits: those queued before it land, those after it are 404, nothing is half-written', async () => {
      // A group with rules cannot be deleted, so the racing changes are edits of its description.
      const g = await createVpcWithGroup(http);
      const edit = (n: number) => http.patch(`/v1/security-groups/${g.id}`, { description: `edit ${n}` });
      // Sent 5 ms apart, so they queue in this order: ten edits, the deletion, ten more.
      const sends = [...Array(10).keys()].map((n) => () => edit(n));
      sends.push(() => http.delete(`/v1/security-groups/${g.id}`));
      sends.push(...[...Array(10).keys()].map((n) => () => edit(10 + n)));
      const replies = await Promise.all(sends.map((send, i) => new Promise((r) => setTimeout(r, 5 * i)).then(send)));
      expect(replies[10].status).toBe(202);
      const edits = replies.filter((_, i) => i !== 10);
      expect(edits.every((r) => r.status === 200 || (r.status === 404 && r.body.type === 'not-found'))).toBe(true);
      expect(edits.some((r) => r.status === 200)).toBe(true);
      expect(edits.some((r) => r.status === 404)).toBe(true);

      const events = await eventsOf(g.id);
      expect(events.at(-1)!.type).toBe('security-group.deleted');
      const landed = events.filter((e) => e.type === 'security-group.updated').map((e) => e.data.description).sort();
      const accepted = edits.filter((r) => r.status === 200).map((r) => r.body.description).sort();
      expect(landed).toEqual(accepted);
      expect((await http.get(`/v1/security-groups/${g.id}`)).status).toBe(404);
    });

    it('repeats of one Idempotency-Key sent at once: one change each, the repeat replays the same answer', async () => {
      const g = await createVpcWithGroup(http);
      const send = (n: number) =>
        http.post(rulesOf(g.id), { rules: [{ direction: 'outbound', protocol: 'tcp', ports: 40_000 + n }] }, { 'idempotency-key': `${g.id}-key-${n}` });
      const replies = await Promise.all([0, 1, 2, 3, 4, 5].flatMap((n) => [send(n), send(n)]));
      expect(replies.map((r) => r.status)).toEqual(replies.map(() => 202));
      for (let n = 0; n < 6; n++) {
        const [a, b] = [replies[2 * n], replies[2 * n + 1]];
        expect(b.body).toEqual(a.body);
        expect([a, b].filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(1);
      }
      expect(await streamVersion(g.id)).toBe(g.version + 6);
    });
  });
});
