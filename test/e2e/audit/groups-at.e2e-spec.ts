import { client, Client, startApi, StartedApi } from '../../support/api';
import { createVpcWithGroup } from '../../support/group-fixtures';

/** GET /v1/security-groups?at=: every group of the tenant as it was then, each exactly what its own history replay answers. */
describe('GET /v1/security-groups?at=<time>', () => {
  let api: StartedApi;
  let http: Client;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
  });
  afterAll(() => api?.close());

  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
  const listAt = async (at: string) => {
    const res = await http.get(`/v1/security-groups?at=${encodeURIComponent(at)}`);
    expect(res.status).toBe(200);
    return res.body as { id: string }[];
  };
  /** What each group's own replay says at that time, for the groups that existed then. */
  const replayedAt = async (ids: string[], at: string, as: Client = http) => {
    const groups = [];
    for (const id of [...ids].sort()) {
      const res = await as.get(`/v1/security-groups/${id}/history?at=${encodeURIComponent(at)}`);
      if (res.status === 200) groups.push(res.body);
      else expect(res.status).toBe(404);
    }
    return groups;
  };

  it('answers, at every moment, what replaying each group answers: created, changed, deleted', async () => {
    const web = await createVpcWithGroup(http, 'web');
    await pause();
    const t1 = new Date().toISOString();
    await pause();
    expect((await http.post(`/v1/security-groups/${web.id}/rules`, { rules: [{ direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' }] })).status).toBe(202);
    const db = await createVpcWithGroup(http, 'db');
    await pause();
    const t2 = new Date().toISOString();
    await pause();
    expect((await http.delete(`/v1/security-groups/${db.id}`)).status).toBeLessThan(300);
    await pause();
    const t3 = new Date().toISOString();

    const ids = [web.id, web.defaultGroupId, db.id, db.defaultGroupId];
    for (const at of ['2000-01-01T00:00:00Z', t1, t2, t3]) {
      expect(await listAt(at)).toEqual(await replayedAt(ids, at));
    }
    expect(await listAt('2000-01-01T00:00:00Z')).toEqual([]);
    expect((await listAt(t1)).map((g) => g.id).sort()).toEqual([web.id, web.defaultGroupId].sort());
    expect((await listAt(t2)).map((g) => g.id).sort()).toEqual(ids.slice().sort());
    expect((await listAt(t3)).map((g) => g.id)).not.toContain(db.id);
    // The rule added after t1 shows at t2, not at t1.
    const webAt = async (at: string) => (await listAt(at)).find((g) => g.id === web.id) as unknown as { inboundRules: unknown[] };
    expect((await webAt(t1)).inboundRules).toHaveLength(0);
    expect((await webAt(t2)).inboundRules).toHaveLength(1);

    // Another tenant sees none of them; a VPC filter keeps its groups.
    const other = client(api.url, 'otherTenant');
    expect((await other.get(`/v1/security-groups?at=${encodeURIComponent(t3)}`)).body).toEqual([]);
    const ofWeb = await http.get(`/v1/security-groups?at=${encodeURIComponent(t3)}&vpcId=${web.vpcId}`);
    expect(ofWeb.body.map((g: { id: string }) => g.id).sort()).toEqual([web.id, web.defaultGroupId].sort());
  });

  it('refuses a time that is no RFC 3339 timestamp with a 400 naming at', async () => {
    const res = await http.get('/v1/security-groups?at=yesterday');
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'at' })]);
  });
});
