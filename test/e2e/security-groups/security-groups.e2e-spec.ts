import { client, Client, startApi, StartedApi } from '../../support/api';

const GENERATED_NAME = /^sg-[a-z]+-[a-z]+-\d{4}$/;

describe('security groups over HTTP', () => {
  let api: StartedApi;
  let http: Client;
  let vpc: { id: string; defaultSecurityGroupId: string };

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
    vpc = (await http.post('/v1/vpcs', { name: 'ml-training', cidr: '10.0.0.0/16' })).body;
  });
  afterAll(() => api.close());

  const eventCount = async (): Promise<number> => (await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`))[0].n;
  const paths = (body: { errors?: { path: string }[] }) => (body.errors ?? []).map((e) => e.path).sort();
  const newVpc = async (name: string, cidr?: string) => (await http.post('/v1/vpcs', { name, ...(cidr && { cidr }) })).body as { id: string; defaultSecurityGroupId: string };

  describe('creating', () => {
    it('creates a named group with description and tags: 201, Location, an operation and no warnings', async () => {
      const res = await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'web-servers', description: 'Web tier', tags: { team: 'ml' } });
      expect(res.status).toBe(201);
      const g = res.body;
      expect(g.id).toMatch(/^sg-/);
      expect(res.headers.get('location')).toBe(`/v1/security-groups/${g.id}`);
      expect(g).toMatchObject({
        vpcId: vpc.id, name: 'web-servers', description: 'Web tier', isDefault: false, tags: { team: 'ml' }, version: 1,
        inboundRules: [], outboundRules: [], appliedTo: { instanceIds: [], cidrs: [] }, propagation: 'in-sync', warnings: [],
      });
      // It applies to no instance yet: nothing to propagate, so the operation has already succeeded.
      expect(g.operation).toEqual({ id: expect.stringMatching(/^op-/), status: 'succeeded', href: `/v1/operations/${g.operation.id}` });
      expect(res.headers.get('operation-location')).toBe(g.operation.href);

      const got = await http.get(`/v1/security-groups/${g.id}`);
      expect(got.status).toBe(200);
      const { operation: _op, warnings: _w, ...group } = g;
      expect(got.body).toEqual(group);
      expect(Object.keys(got.body).sort()).toEqual(
        ['appliedTo', 'createdAt', 'description', 'id', 'inboundRules', 'isDefault', 'name', 'outboundRules', 'propagation', 'tags', 'updatedAt', 'version', 'vpcId'].sort(),
      );
      expect(got.headers.get('etag')).toBe('"1"');
    });

    it('answers a change with the group exactly as GET shows it right after, byte for byte', async () => {
      const asGet = (body: Record<string, unknown>) => {
        const { operation: _op, warnings: _w, ...group } = body;
        return JSON.stringify(group);
      };
      const created = await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'byte-for-byte', tags: { team: 'ml', env: 'prod', 'a-long-key': '1', b: '2' } });
      expect(created.status).toBe(201);
      expect((await http.get(`/v1/security-groups/${created.body.id}`)).text).toBe(asGet(created.body));
      const edited = await http.patch(`/v1/security-groups/${created.body.id}`, { tags: { zeta: '1', Alpha: '2', beta: '3' } });
      expect(edited.status).toBe(200);
      expect((await http.get(`/v1/security-groups/${created.body.id}`)).text).toBe(asGet(edited.body));
    });

    it('generates a readable, unique name when none is given', async () => {
      const a = await http.post('/v1/security-groups', { vpcId: vpc.id });
      const b = await http.post('/v1/security-groups', { vpcId: vpc.id, name: null });
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(a.body.name).toMatch(GENERATED_NAME);
      expect(b.body.name).toMatch(GENERATED_NAME);
      expect(a.body.name).not.toBe(b.body.name);
      expect(a.body.description).toBe('');
      expect(a.body.tags).toEqual({});
    });

    it('creates the first rules with the group, as RULEs, warning about SSH open to the world and cleared host bits', async () => {
      const res = await http.post('/v1/security-groups', {
        vpcId: vpc.id,
        name: 'with-rules',
        rules: [
          { direction: 'inbound', preset: 'SSH', remote: 'all-ipv4' },
          { direction: 'outbound', protocol: 'tcp', ports: '8000-8080', remote: ['10.0.1.7/24'], description: 'to the api tier' },
        ],
      });
      expect(res.status).toBe(201);
      expect(res.body.version).toBe(2);
      expect(res.body.inboundRules).toEqual([
        {
          id: expect.stringMatching(/^sgr-/), direction: 'inbound', type: 'SSH', protocol: 'tcp', portRange: { from: 22, to: 22 }, icmp: null,
          ipVersion: 'IPv4', action: 'ALLOW', remote: '0.0.0.0/0', remoteGroupId: null, description: '',
        },
      ]);
      expect(res.body.outboundRules).toEqual([
        expect.objectContaining({ type: 'Custom', portRange: { from: 8000, to: 8080 }, remote: '10.0.1.0/24', description: 'to the api tier' }),
      ]);
      expect(res.body.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/host bits/), expect.stringMatching(/SSH/)]));
    });

    it('answers 404 for a VPC that is unknown or another tenant\'s, naming vpcId, and writes nothing', async () => {
      const before = await eventCount();
      const unknown = await http.post('/v1/security-groups', { vpcId: 'vpc-does-not-exist', name: 'x' });
      expect(unknown.status).toBe(404);
      expect(unknown.body.type).toBe('not-found');
      expect(paths(unknown.body)).toEqual(['vpcId']);
      const theirs = await http.as('otherTenant').post('/v1/security-groups', { vpcId: vpc.id, name: 'x' });
      expect(theirs.status).toBe(404);
      expect(paths(theirs.body)).toEqual(['vpcId']);
      expect(await eventCount()).toBe(before);
    });

    it('lists every bad field in one 400 and writes nothing', async () => {
      const before = await eventCount();
      const res = await http.post('/v1/security-groups', {
        vpcId: 'not an id',
        name: '   ',
        description: 'd'.repeat(256),
        tags: { team: 5, env: 'x'.repeat(257) },
        applyTo: { instanceIds: ['i-1', 7], cidrs: ['10.0.0.300/24', 'not-a-cidr'], hosts: [] },
        rules: [{ direction: 'sideways', protocol: 'tcp' }],
        colour: 'red',
      });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.type).toBe('validation-failed');
      expect(paths(res.body)).toEqual(
        ['applyTo.cidrs[0]', 'applyTo.cidrs[1]', 'applyTo.hosts', 'applyTo.instanceIds[1]', 'colour', 'description', 'name', 'rules[0].direction', 'tags.env', 'tags.team', 'vpcId'].sort(),
      );
      expect(await eventCount()).toBe(before);
    });

    it.each<[string, unknown]>([
      ['an array', [{ vpcId: 'vpc-1' }]],
      ['a string', 'vpc-1'],
      ['null', null],
      ['a bare number', 42],
    ])('refuses a body that is %s (400)', async (_, body) => {
      const res = await http.post('/v1/security-groups', JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
    });

    it('refuses malformed JSON, a lone surrogate and odd types without a 500', async () => {
      expect((await http.post('/v1/security-groups', '{"vpcId": ')).status).toBe(400);
      const surrogate = await http.post('/v1/security-groups', `{"vpcId": "${vpc.id}", "name": "bad\\ud800name"}`);
      expect(surrogate.status).toBe(400);
      expect(paths(surrogate.body)).toEqual(['name']);
      const types = await http.post('/v1/security-groups', { vpcId: vpc.id, name: ['x'], tags: 'team=ml', applyTo: 'all', rules: {} });
      expect(types.status).toBe(400);
      expect(paths(types.body)).toEqual(['applyTo', 'name', 'rules', 'tags']);
    });

    it('refuses numbers too large for anything where strings or ports are expected', async () => {
      const res = await http.post('/v1/security-groups', `{"vpcId": "${vpc.id}", "name": 1e400, "tags": {"a": 1e400}, "rules": [{"direction": "inbound", "protocol": "tcp", "ports": 1e400}]}`);
      expect(res.status).toBe(400);
      expect(paths(res.body)).toEqual(['name', 'rules[0].ports', 'tags.a']);
    });

    it('accepts unicode names and tags as given', async () => {
      const res = await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'GPU 訓練 🚀', tags: { 'équipe': 'ml 🧠' } });
      expect(res.status).toBe(201);
      expect((await http.get(`/v1/security-groups/${res.body.id}`)).body).toMatchObject({ name: 'GPU 訓練 🚀', tags: { 'équipe': 'ml 🧠' } });
    });

    it('refuses a name used in the VPC whatever its case (409), and the reserved name "default" (400)', async () => {
      const other = await newVpc('names');
      expect((await http.post('/v1/security-groups', { vpcId: other.id, name: 'db' })).status).toBe(201);
      const dup = await http.post('/v1/security-groups', { vpcId: other.id, name: 'DB' });
      expect(dup.status).toBe(409);
      expect(dup.body.type).toBe('conflict');
      const reserved = await http.post('/v1/security-groups', { vpcId: other.id, name: 'Default' });
      expect(reserved.status).toBe(400);
      expect(paths(reserved.body)).toEqual(['name']);
      // Names are unique per VPC, not across them.
      expect((await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'db' })).status).toBe(201);
    });

    it('concurrent creations and renames to one name: exactly one wins, the others are 409', async () => {
      const other = await newVpc('name-race');
      const creations = await Promise.all(Array.from({ length: 10 }, (_, i) => http.post('/v1/security-groups', { vpcId: other.id, name: i % 2 ? 'Racing' : 'racing' })));
      expect(creations.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
      expect(creations.filter((r) => r.status === 409).every((r) => r.body.type === 'conflict')).toBe(true);

      const groups = await Promise.all(Array.from({ length: 6 }, (_, i) => http.post('/v1/security-groups', { vpcId: other.id, name: `rename-${i}` })));
      const renames = await Promise.all(groups.map((g) => http.patch(`/v1/security-groups/${g.body.id}`, { name: 'the-one' })));
      expect(renames.map((r) => r.status).sort()).toEqual([200, ...Array(5).fill(409)]);
      const listed = (await http.get(`/v1/security-groups?vpcId=${other.id}&limit=100`)).body as { name: string }[];
      expect(listed.filter((g) => g.name.toLowerCase() === 'racing')).toHaveLength(1);
      expect(listed.filter((g) => g.name === 'the-one')).toHaveLength(1);
    });

    it('refuses the 101st group of a VPC (422 quota-exceeded)', async () => {
      const small = await startApi({ LIMIT_GROUPS_PER_VPC: '3' });
      try {
        const h = client(small.url);
        const v = (await h.post('/v1/vpcs', { name: 'small' })).body;
        expect((await h.post('/v1/security-groups', { vpcId: v.id })).status).toBe(201);
        expect((await h.post('/v1/security-groups', { vpcId: v.id })).status).toBe(201);
        const over = await h.post('/v1/security-groups', { vpcId: v.id });
        expect(over.status).toBe(422);
        expect(over.body.type).toBe('quota-exceeded');
        // Creations that race cannot together pass the limit either.
        const raced = (await h.post('/v1/vpcs', { name: 'raced' })).body;
        const replies = await Promise.all(Array.from({ length: 8 }, () => h.post('/v1/security-groups', { vpcId: raced.id })));
        expect(replies.map((r) => r.status).sort()).toEqual([201, 201, ...Array(6).fill(422)]);
        expect((await h.get(`/v1/security-groups?vpcId=${raced.id}`)).body).toHaveLength(3);
      } finally {
        await small.close();
      }
    });
  });

  describe('listing', () => {
    let a: { id: string; defaultSecurityGroupId: string };
    let mlProd: string;
    let web: string;
    let bare: string;
    let elsewhere: string;

    beforeAll(async () => {
      a = await newVpc('list-a');
      const b = await newVpc('list-b');
      const create = async (vpcId: string, tags: Record<string, string>) => (await http.post('/v1/security-groups', { vpcId, tags })).body.id as string;
      mlProd = await create(a.id, { 'list-team': 'ml', 'list-env': 'prod' });
      web = await create(a.id, { 'list-team': 'web' });
      bare = await create(a.id, {});
      elsewhere = await create(b.id, { 'list-team': 'ml' });
    });

    it('filters by VPC, in id order, the default group included', async () => {
      const res = await http.get(`/v1/security-groups?vpcId=${a.id}`);
      expect(res.status).toBe(200);
      expect(res.body.map((g: { id: string }) => g.id)).toEqual([a.defaultSecurityGroupId, mlProd, web, bare].sort());
      expect(res.body.every((g: { vpcId: string }) => g.vpcId === a.id)).toBe(true);
      expect(res.headers.get('next-cursor')).toBeNull();
    });

    it('filters by tag key=value, and by a bare key for any value', async () => {
      const ids = async (q: string) => (await http.get(`/v1/security-groups?${q}`)).body.map((g: { id: string }) => g.id);
      expect(await ids('tag=list-team=ml')).toEqual([mlProd, elsewhere].sort());
      expect(await ids(`tag=list-team=ml&vpcId=${a.id}`)).toEqual([mlProd]);
      expect(await ids('tag=list-env')).toEqual([mlProd]);
      expect(await ids(`tag=${encodeURIComponent('list-team')}`)).toEqual([mlProd, web, elsewhere].sort());
      expect(await ids('tag=list-team=nobody')).toEqual([]);
    });

    it('pages with limit and cursor, announcing the next page', async () => {
      const first = await http.get(`/v1/security-groups?vpcId=${a.id}&limit=3`);
      expect(first.body).toHaveLength(3);
      const cursor = first.headers.get('next-cursor');
      expect(cursor).toBeTruthy();
      expect(first.headers.get('link')).toContain('rel="next"');
      const second = await http.get(`/v1/security-groups?vpcId=${a.id}&limit=3&cursor=${cursor}`);
      expect(second.body).toHaveLength(1);
      expect(second.headers.get('next-cursor')).toBeNull();
      expect([...first.body, ...second.body].map((g: { id: string }) => g.id)).toEqual([a.defaultSecurityGroupId, mlProd, web, bare].sort());
    });

    it.each<[string, string[]]>([
      ['limit=0', ['limit']],
      ['limit=abc', ['limit']],
      ['cursor=garbage', ['cursor']],
      ['tag=', ['tag']],
      ['tag==ml', ['tag']],
      ['tag=a%00b', ['tag']],
      ['tag=a&tag=b', ['tag']],
      ['vpcId=not%20an%20id', ['vpcId']],
      ['limit=5000&tag==x&vpcId=%2F', ['limit', 'tag', 'vpcId']],
    ])('refuses ?%s with 400 naming each bad parameter', async (query, bad) => {
      const res = await http.get(`/v1/security-groups?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(paths(res.body)).toEqual(bad);
    });
  });

  describe('the default group', () => {
    it('is listed with the VPC: isDefault, six outbound rules, no inbound rule', async () => {
      const res = await http.get(`/v1/security-groups/${vpc.defaultSecurityGroupId}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: vpc.defaultSecurityGroupId, vpcId: vpc.id, name: 'default', isDefault: true, inboundRules: [] });
      expect(res.body.outboundRules.map((r: any) => [r.type, r.protocol, r.portRange?.from ?? 'all', r.action, r.ipVersion, r.remote])).toEqual([
        ['Custom', 'udp', 547, 'ALLOW', 'IPv6', 'ff02::1:2/128'],
        ['HTTP', 'tcp', 80, 'ALLOW', 'IPv4', '169.254.169.254/32'],
        ['Custom', 'udp', 67, 'ALLOW', 'IPv4', '0.0.0.0/0'],
        ['HTTP', 'tcp', 80, 'ALLOW', 'IPv6', 'fe80::a9fe:a9fe/128'],
        ['All traffic', 'all', 'all', 'ALLOW', 'IPv4', '0.0.0.0/0'],
        ['All traffic', 'all', 'all', 'ALLOW', 'IPv6', '::/0'],
      ]);
      const listed = (await http.get(`/v1/security-groups?vpcId=${vpc.id}`)).body.filter((g: { isDefault: boolean }) => g.isDefault);
      expect(listed.map((g: { id: string }) => g.id)).toEqual([vpc.defaultSecurityGroupId]);
    });

    it('cannot be renamed or deleted (409 default-group-immutable), but may be described and tagged', async () => {
      const before = await eventCount();
      const rename = await http.patch(`/v1/security-groups/${vpc.defaultSecurityGroupId}`, { name: 'mine' });
      expect(rename.status).toBe(409);
      expect(rename.body.type).toBe('default-group-immutable');
      const remove = await http.delete(`/v1/security-groups/${vpc.defaultSecurityGroupId}`);
      expect(remove.status).toBe(409);
      expect(remove.body.type).toBe('default-group-immutable');
      expect(await eventCount()).toBe(before);
      const tagged = await http.patch(`/v1/security-groups/${vpc.defaultSecurityGroupId}`, { description: 'ours', tags: { owner: 'platform' } });
      expect(tagged.status).toBe(200);
      expect(tagged.body).toMatchObject({ name: 'default', description: 'ours', tags: { owner: 'platform' }, isDefault: true });
    });
  });

  describe('editing', () => {
    it('renames, describes and tags with 200 and no operation: metadata reaches no hypervisor', async () => {
      const g = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'to-edit', tags: { a: '1' } })).body;
      const res = await http.patch(`/v1/security-groups/${g.id}`, { name: 'edited', description: 'now described', tags: { b: '2' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: g.id, name: 'edited', description: 'now described', tags: { b: '2' }, version: 2, warnings: [] });
      expect(res.body.operation).toBeUndefined();
      expect(res.headers.get('operation-location')).toBeNull();
      const cleared = await http.patch(`/v1/security-groups/${g.id}`, { tags: {} });
      expect(cleared.body.tags).toEqual({});
      expect((await http.get(`/v1/security-groups/${g.id}`)).body).toMatchObject({ name: 'edited', tags: {}, version: 3 });
    });

    it('refuses a name another group of the VPC has (409), an empty change and unknown fields (400)', async () => {
      const g = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'edit-two' })).body;
      await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'taken-name' });
      const taken = await http.patch(`/v1/security-groups/${g.id}`, { name: 'TAKEN-name' });
      expect(taken.status).toBe(409);
      expect(taken.body.type).toBe('conflict');
      const empty = await http.patch(`/v1/security-groups/${g.id}`, {});
      expect(empty.status).toBe(400);
      const bad = await http.patch(`/v1/security-groups/${g.id}`, { name: '', description: 'x'.repeat(256), tags: [], vpcId: 'vpc-2' });
      expect(bad.status).toBe(400);
      expect(paths(bad.body)).toEqual(['description', 'name', 'tags', 'vpcId']);
      expect((await http.get(`/v1/security-groups/${g.id}`)).body).toMatchObject({ name: 'edit-two', version: 1 });
    });

    it('answers 404 for an unknown group on every endpoint', async () => {
      const id = 'sg-does-not-exist';
      expect((await http.get(`/v1/security-groups/${id}`)).status).toBe(404);
      expect((await http.patch(`/v1/security-groups/${id}`, { name: 'x' })).status).toBe(404);
      expect((await http.delete(`/v1/security-groups/${id}`)).status).toBe(404);
      expect((await http.put(`/v1/security-groups/${id}/applied-to`, { cidrs: [] })).status).toBe(404);
      // Another aggregate's id is no group either.
      expect((await http.get(`/v1/security-groups/${vpc.id}`)).status).toBe(404);
      expect((await http.patch(`/v1/security-groups/${vpc.id}`, { name: 'x' })).status).toBe(404);
    });

    it.each(['%00', 'x'.repeat(5000), '%F0%9F%9A%80', 'sg-1%20OR%201=1'])('answers 404, never 500, for the odd id %#', async (id) => {
      const answers = [
        await http.get(`/v1/security-groups/${id}`),
        await http.patch(`/v1/security-groups/${id}`, { name: 'x' }),
        await http.delete(`/v1/security-groups/${id}`),
        await http.post(`/v1/security-groups/${id}/applied-to`, { cidrs: ['10.0.0.0/24'] }),
      ];
      expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    });
  });

  it('hides another tenant\'s group: 404 on every endpoint, absent from lists; an operator sees it', async () => {
    const g = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'private', tags: { secret: 'yes' } })).body;
    const other = http.as('otherTenant');
    const before = await eventCount();
    const answers = [
      await other.get(`/v1/security-groups/${g.id}`),
      await other.patch(`/v1/security-groups/${g.id}`, { name: 'mine-now' }),
      await other.delete(`/v1/security-groups/${g.id}`),
      await other.put(`/v1/security-groups/${g.id}/applied-to`, { instanceIds: [], cidrs: [] }),
      await other.post(`/v1/security-groups/${g.id}/applied-to`, { cidrs: ['10.0.1.0/24'] }),
      await other.delete(`/v1/security-groups/${g.id}/applied-to`, { cidrs: ['10.0.1.0/24'] }),
    ];
    expect(answers.map((r) => [r.status, r.body.type])).toEqual(Array(6).fill([404, 'not-found']));
    expect(await eventCount()).toBe(before);
    expect((await other.get(`/v1/security-groups?vpcId=${vpc.id}`)).body).toEqual([]);
    expect((await other.get('/v1/security-groups?tag=secret')).body).toEqual([]);
    expect((await http.as('operator').get(`/v1/security-groups/${g.id}`)).status).toBe(200);
    const all = (await http.as('operator').get('/v1/security-groups?tag=secret=yes')).body;
    expect(all.map((x: { id: string }) => x.id)).toEqual([g.id]);
  });

  it('If-Match: 412 on a stale version, success on the current one', async () => {
    const g = (await http.post('/v1/security-groups', { vpcId: vpc.id, name: 'versioned' })).body;
    const before = await eventCount();
    const stale = await http.patch(`/v1/security-groups/${g.id}`, { description: 'x' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe('version-mismatch');
    expect((await http.put(`/v1/security-groups/${g.id}/applied-to`, { cidrs: ['10.0.5.0/24'] }, { 'if-match': '"2"' })).status).toBe(412);
    expect((await http.delete(`/v1/security-groups/${g.id}`, undefined, { 'if-match': '"2"' })).status).toBe(412);
    expect(await eventCount()).toBe(before);
    expect((await http.patch(`/v1/security-groups/${g.id}`, { description: 'x' }, { 'if-match': 'W/"x"' })).status).toBe(400);

    const ok = await http.patch(`/v1/security-groups/${g.id}`, { description: 'x' }, { 'if-match': '"1"' });
    expect(ok.status).toBe(200);
    expect(ok.body.version).toBe(2);
    const applied = await http.put(`/v1/security-groups/${g.id}/applied-to`, { cidrs: ['10.0.5.0/24'] }, { 'if-match': '"2"' });
    expect(applied.status).toBe(202);
    expect(applied.body.version).toBe(3);
    expect((await http.delete(`/v1/security-groups/${g.id}`, undefined, { 'if-match': '"2"' })).status).toBe(412);
    expect((await http.delete(`/v1/security-groups/${g.id}`, undefined, { 'if-match': '"3"' })).status).toBe(202);
  });

  it('documents every security-group endpoint in the OpenAPI spec', async () => {
    const res = await http.get('/docs-json');
    expect(res.status).toBe(200);
    const methods = (path: string) => Object.keys(res.body.paths[path] ?? {}).sort();
    expect(methods('/v1/security-groups')).toEqual(expect.arrayContaining(['get', 'post']));
    expect(methods('/v1/security-groups/{id}')).toEqual(expect.arrayContaining(['delete', 'get', 'patch']));
    expect(methods('/v1/security-groups/{id}/applied-to')).toEqual(expect.arrayContaining(['delete', 'post', 'put']));
    expect(Object.keys(res.body.components.schemas)).toEqual(expect.arrayContaining(['CreateSecurityGroupRequest', 'AppliedToRequest', 'SecurityGroupDeletedResponse']));
  });

  it('replays an idempotent create (the same group, generated name included, events appended once) and refuses the key for another body', async () => {
    const key = 'create-sg-idem-1';
    const body = { vpcId: vpc.id, tags: { idem: 'yes' } };
    const first = await http.post('/v1/security-groups', body, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    const afterFirst = await eventCount();
    const again = await http.post('/v1/security-groups', body, { 'idempotency-key': key });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.body.name).toMatch(GENERATED_NAME);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await eventCount()).toBe(afterFirst);
    const created = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE metadata->>'idempotencyKey' = $1 AND type = 'security-group.created'`, [key]);
    expect(created[0].n).toBe(1);
    expect((await http.get('/v1/security-groups?tag=idem=yes')).body).toHaveLength(1);

    const other = await http.post('/v1/security-groups', { ...body, name: 'different' }, { 'idempotency-key': key });
    expect(other.status).toBe(422);
    expect(other.body.type).toBe('idempotency-key-reused');
  });

  it('replays an idempotent create as first answered even after the group and its VPC are gone', async () => {
    const gone = await newVpc('short-lived');
    const body = { vpcId: gone.id, name: 'ephemeral' };
    const first = await http.post('/v1/security-groups', body, { 'idempotency-key': 'create-then-vanish' });
    expect(first.status).toBe(201);
    expect((await http.delete(`/v1/security-groups/${first.body.id}`)).status).toBe(202);
    expect((await http.delete(`/v1/vpcs/${gone.id}`)).status).toBe(204);
    const before = await eventCount();
    const again = await http.post('/v1/security-groups', body, { 'idempotency-key': 'create-then-vanish' });
    expect([again.status, again.text, again.headers.get('idempotent-replayed')]).toEqual([201, first.text, 'true']);
    expect(await eventCount()).toBe(before);
  });
});
