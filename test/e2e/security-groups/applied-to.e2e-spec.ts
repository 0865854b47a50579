import { client, Client, startApi, StartedApi } from '../../support/api';
import { registerInstance } from '../../support/fixtures';

describe('applying security groups to instances and network segments over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };
  let a: string;
  let b: string;
  let c: string;
  let elsewhere: string;
  let theirs: string;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    vpc = (await http.post('/v1/vpcs', { name: 'applied', cidr: '10.0.0.0/16' })).body;
    a = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.1.5', hypervisorId: 'hv-1' });
    b = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.2.5', ipv6: '2001:db8::25', hypervisorId: 'hv-2' });
    c = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.1.9', hypervisorId: 'hv-1' });
    const otherVpc = (await http.post('/v1/vpcs', { name: 'other' })).body;
    elsewhere = await registerInstance(api, { vpcId: otherVpc.id, ipv4: '10.0.1.5' });
    const theirVpc = (await http.as('otherTenant').post('/v1/vpcs', { name: 'theirs' })).body;
    theirs = await registerInstance(api, { vpcId: theirVpc.id, ipv4: '10.0.1.6' });
  });
  afterAll(() => api.close());

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
  const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();
  const newGroup = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await http.post('/v1/security-groups', { vpcId: vpc.id, name, ...extra });
    expect(res.status).toBe(201);
    return res.body as { id: string; version: number };
  };
  const url = (id: string) => `/v1/security-groups/${id}/applied-to`;

  it('PUT makes the lists exactly the ones given, and the change propagates to the hypervisors', async () => {
    const g = await newGroup('put');
    const res = await http.put(url(g.id), { instanceIds: [a], cidrs: ['10.0.2.0/24'] });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ id: g.id, version: 2, appliedTo: { instanceIds: [a], cidrs: ['10.0.2.0/24'] }, warnings: [] });
    expect(res.body.operation).toEqual({ id: expect.stringMatching(/^op-/), status: 'queued', href: `/v1/operations/${res.body.operation.id}` });
    expect(res.headers.get('operation-location')).toBe(res.body.operation.href);
    // No worker runs here: the group shows its change on the way.
    expect(res.body.propagation).toBe('propagating');
    expect((await http.get(`/v1/security-groups/${g.id}`)).body).toMatchObject({ appliedTo: { instanceIds: [a], cidrs: ['10.0.2.0/24'] }, propagation: 'propagating' });
    const [op] = await api.db.dataSource.query(`SELECT state FROM rm_operations WHERE id = $1`, [res.body.operation.id]);
    expect(op.state.operation.targets.map((t: { hypervisorId: string }) => t.hypervisorId).sort()).toEqual(['hv-1', 'hv-2']);

    const replaced = await http.put(url(g.id), { instanceIds: [b] });
    expect(replaced.status).toBe(202);
    expect(replaced.body.appliedTo).toEqual({ instanceIds: [b], cidrs: [] });
    const cleared = await http.put(url(g.id), {});
    expect(cleared.body.appliedTo).toEqual({ instanceIds: [], cidrs: [] });
    expect(cleared.body.version).toBe(4);
  });

  it('POST adds and DELETE (with a JSON body) removes the given entries; repeating either changes nothing', async () => {
    const g = await newGroup('add-remove', { applyTo: { instanceIds: [a] } });
    const added = await http.post(url(g.id), { instanceIds: [c, c], cidrs: ['10.0.3.0/24', '10.0.4.0/24'] });
    expect(added.status).toBe(202);
    expect(added.body.appliedTo).toEqual({ instanceIds: [a, c], cidrs: ['10.0.3.0/24', '10.0.4.0/24'] });
    const version = added.body.version;

    const again = await http.post(url(g.id), { instanceIds: [a] });
    expect(again.status).toBe(202);
    expect(again.body.version).toBe(version);
    expect(again.body.operation.status).toBe('succeeded');

    const removed = await http.delete(url(g.id), { instanceIds: [a], cidrs: ['10.0.3.0/24'] });
    expect(removed.status).toBe(202);
    expect(removed.body.appliedTo).toEqual({ instanceIds: [c], cidrs: ['10.0.4.0/24'] });
    const removedAgain = await http.delete(url(g.id), { instanceIds: [a, 'i-never-there'] });
    expect(removedAgain.status).toBe(202);
    expect(removedAgain.body.appliedTo).toEqual({ instanceIds: [c], cidrs: ['10.0.4.0/24'] });
    expect(removedAgain.body.version).toBe(removed.body.version);
  });

  it('clears host bits of an applied CIDR and says so', async () => {
    const g = await newGroup('host-bits');
    const res = await http.post(url(g.id), { cidrs: ['10.0.4.7/24'] });
    expect(res.status).toBe(202);
    expect(res.body.appliedTo.cidrs).toEqual(['10.0.4.0/24']);
    expect(res.body.warnings).toEqual([expect.stringMatching(/host bits of 10\.0\.4\.7\/24 were cleared/)]);
  });

  it('refuses an IPv4 segment outside the VPC\'s range (400), on every way of applying', async () => {
    const g = await newGroup('outside');
    const before = await eventCount();
    for (const res of [
      await http.put(url(g.id), { cidrs: ['10.0.1.0/24', '192.168.0.0/24'] }),
      await http.post(url(g.id), { cidrs: ['10.0.0.0/8'] }),
      await http.post('/v1/security-groups', { vpcId: vpc.id, applyTo: { cidrs: ['172.16.0.0/12'] } }),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.errors[0].message).toMatch(/outside the VPC's range 10\.0\.0\.0\/16/);
    }
    expect(await eventCount()).toBe(before);
  });

  it('refuses a segment of the other address family than the VPC\'s (400 naming it), on every way of applying, writing nothing', async () => {
    const g = await newGroup('other-family');
    const v6 = (await http.post('/v1/vpcs', { name: 'v6-only', cidr: 'fd00:7::/48' })).body;
    const before = await eventCount();
    for (const [res, path, message] of [
      [await http.put(url(g.id), { cidrs: ['10.0.1.0/24', '2001:db8::/64'] }), 'cidrs[1]', /2001:db8::\/64 is IPv6, the VPC's range 10\.0\.0\.0\/16 is IPv4/],
      [await http.post(url(g.id), { cidrs: ['fd00::/64'] }), 'cidrs[0]', /is IPv6, the VPC's range 10\.0\.0\.0\/16 is IPv4/],
      [await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'v6-seg', applyTo: { cidrs: ['fd00::/64'] } }), 'applyTo.cidrs[0]', /is IPv6/],
      [await http.post('/v1/security-groups', { vpcId: v6.id, name: 'v4-seg', applyTo: { cidrs: ['fd00:7:0:1::/64', '10.0.1.0/24'] } }), 'applyTo.cidrs[1]', /10\.0\.1\.0\/24 is IPv4, the VPC's range fd00:7::\/48 is IPv6/],
    ] as const) {
      expect([res.status, res.headers.get('content-type')]).toEqual([400, expect.stringMatching(/^application\/problem\+json/)]);
      expect(res.body).toMatchObject({ type: 'validation-failed', errors: [{ path, message: expect.stringMatching(message) }] });
    }
    expect(await eventCount()).toBe(before);
    expect((await http.get(`/v1/security-groups/${g.id}`)).body.appliedTo.cidrs).toEqual([]);
  });

  it('refuses an instance of another VPC (400), and one that is unknown or another tenant\'s (404)', async () => {
    const g = await newGroup('instances');
    const before = await eventCount();
    const other = await http.post(url(g.id), { instanceIds: [elsewhere] });
    expect(other.status).toBe(400);
    expect(other.body.type).toBe('validation-failed');
    expect(other.body.errors).toEqual([{ path: 'instanceIds', message: `instance ${elsewhere} is in another VPC` }]);
    for (const id of ['i-unknown', theirs]) {
      const res = await http.put(url(g.id), { instanceIds: [a, id] });
      expect(res.status).toBe(404);
      expect(res.body.type).toBe('not-found');
      expect(res.body.errors).toEqual([{ path: 'instanceIds', message: `no instance ${id}` }]);
    }
    const created = await http.post('/v1/security-groups', { vpcId: vpc.id, applyTo: { instanceIds: [theirs] } });
    expect(created.status).toBe(404);
    expect(paths(created.body)).toEqual(['applyTo.instanceIds']);
    expect(await eventCount()).toBe(before);
  });

  it('lists every bad field of an applied-to body in one 400', async () => {
    const g = await newGroup('bad-bodies');
    const before = await eventCount();
    const bad = await http.put(url(g.id), { instanceIds: ['not an id', 3], cidrs: ['10.0.0.0/33', 'x', null], hosts: ['a'] });
    expect(bad.status).toBe(400);
    expect(paths(bad.body)).toEqual(['cidrs[0]', 'cidrs[1]', 'cidrs[2]', 'hosts', 'instanceIds[0]', 'instanceIds[1]']);
    const types = await http.put(url(g.id), { instanceIds: 'i-1', cidrs: '10.0.0.0/24' });
    expect(paths(types.body)).toEqual(['cidrs', 'instanceIds']);
    expect((await http.post(url(g.id), {})).status).toBe(400);
    expect((await http.delete(url(g.id), { instanceIds: [], cidrs: [] })).status).toBe(400);
    const noBody = await http.delete(url(g.id));
    expect(noBody.status).toBe(400);
    expect(noBody.body.type).toBe('validation-failed');
    expect((await http.put(url(g.id), [a])).status).toBe(400);
    expect(await eventCount()).toBe(before);
  });

  describe('at most 5 security groups per instance', () => {
    let q: string;
    let fourth: { id: string };

    beforeAll(async () => {
      // The default group is the first; three more applied directly, one through a segment.
      q = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.9.5' });
      for (const n of [1, 2, 3]) await newGroup(`quota-${n}`, { applyTo: { instanceIds: [q] } });
      fourth = await newGroup('quota-4', { applyTo: { cidrs: ['10.0.9.0/24'] } });
    });

    it('refuses a sixth group however it would be applied (422 quota-exceeded), writing nothing', async () => {
      const sixth = await newGroup('quota-6');
      const before = await eventCount();
      for (const res of [
        await http.post(url(sixth.id), { instanceIds: [q] }),
        await http.put(url(sixth.id), { cidrs: ['10.0.9.0/28'] }),
        await http.post('/v1/security-groups', { vpcId: vpc.id, applyTo: { instanceIds: [q] } }),
        await http.post('/v1/security-groups', { vpcId: vpc.id, applyTo: { cidrs: ['10.0.0.0/16'] } }),
      ]) {
        expect(res.status).toBe(422);
        expect(res.body.type).toBe('quota-exceeded');
        expect(res.body.detail).toMatch(new RegExp(`at most 5 security groups; ${q}`));
      }
      expect(await eventCount()).toBe(before);
    });

    it('counts a group once, however many ways it reaches the instance', async () => {
      // quota-4 reaches q through its segment already: naming q as well adds no group.
      const res = await http.post(url(fourth.id), { instanceIds: [q] });
      expect(res.status).toBe(202);
      expect(res.body.appliedTo).toEqual({ instanceIds: [q], cidrs: ['10.0.9.0/24'] });
    });

    it('allows the group once another is detached', async () => {
      const sixth = await newGroup('quota-6b');
      await http.put(url(fourth.id), {});
      expect((await http.post(url(sixth.id), { instanceIds: [q] })).status).toBe(202);
    });

    it('concurrent attachments cannot together pass the limit: the instance ends with exactly 5 groups', async () => {
      // The default group plus four free places; eight groups race for them, some through a segment.
      const racer = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.11.5' });
      const groups = await Promise.all([...Array(8).keys()].map((n) => newGroup(`race-${n}`)));
      const replies = await Promise.all(
        groups.map((g, n) => (n % 3 === 0 ? http.put(url(g.id), { cidrs: ['10.0.11.0/29'] }) : http.post(url(g.id), { instanceIds: [racer] }))),
      );
      expect(replies.filter((r) => r.status === 202)).toHaveLength(4);
      expect(replies.filter((r) => r.status !== 202).every((r) => r.status === 422 && r.body.type === 'quota-exceeded')).toBe(true);
      const instance = await http.get(`/v1/instances/${racer}`);
      expect(instance.body.securityGroupIds).toHaveLength(5);
    });

    it('an instance registered later inside an applied segment gets the group, so it counts toward its quota', async () => {
      const segment = await newGroup('segment-first', { applyTo: { cidrs: ['10.0.10.0/24'] } });
      const late = await registerInstance(api, { vpcId: vpc.id, ipv4: '10.0.10.20' });
      for (const n of [1, 2, 3]) await newGroup(`late-${n}`, { applyTo: { instanceIds: [late] } });
      const sixth = await http.post('/v1/security-groups', { vpcId: vpc.id, applyTo: { instanceIds: [late] } });
      expect(sixth.status).toBe(422);
      expect(sixth.body.type).toBe('quota-exceeded');
      // Without the segment, the same instance has room for it.
      await http.delete(url(segment.id), { cidrs: ['10.0.10.0/24'] });
      expect((await http.post('/v1/security-groups', { vpcId: vpc.id, applyTo: { instanceIds: [late] } })).status).toBe(201);
    });
  });

  it('creates a group already applied, and the operation goes to the instances\' hypervisors', async () => {
    const res = await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'applied-at-birth', applyTo: { instanceIds: [b], cidrs: ['10.0.1.0/24'] } });
    expect(res.status).toBe(201);
    expect(res.body.appliedTo).toEqual({ instanceIds: [b], cidrs: ['10.0.1.0/24'] });
    expect(res.body.operation.status).toBe('queued');
    const [op] = await api.db.dataSource.query(`SELECT state FROM rm_operations WHERE id = $1`, [res.body.operation.id]);
    const targets = op.state.operation.targets.map((t: { hypervisorId: string; instanceIds?: string[] }) => t.hypervisorId).sort();
    expect(targets).toEqual(['hv-1', 'hv-2']);
  });
});
