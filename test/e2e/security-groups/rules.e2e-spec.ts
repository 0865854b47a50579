import { client, Client, startApi, StartedApi } from '../../support/api';
import { createVpcWithGroup, TestGroup } from '../../support/group-fixtures';

describe('security-group rules over HTTP', () => {
  let api: StartedApi;
  let http: Client;

  beforeAll(async () => {
    api = await startApi();
    http = client(api.url);
  });
  afterAll(() => api.close());

  const rulesOf = (id: string) => `/v1/security-groups/${id}/rules`;
  const add = (id: string, rules: unknown[], headers?: Record<string, string>) => http.post(rulesOf(id), { rules }, headers);
  const newGroup = (name = 'web-servers') => createVpcWithGroup(http, name);

  async function eventCount(): Promise<number> {
    const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events`);
    return n;
  }

  /** Runs a request that must fail, and checks that it wrote nothing. */
  async function refused(request: () => Promise<{ status: number; body: any }>) {
    const before = await eventCount();
    const res = await request();
    expect(await eventCount()).toBe(before);
    return res;
  }

  describe('adding', () => {
    it('adds each preset as tcp on its port, named by its type, and opens an operation', async () => {
      const g = await newGroup();
      const presets = [
        ['SSH', 22],
        ['RDP', 3389],
        ['MySQL', 3306],
        ['HTTP', 80],
        ['HTTPS', 443],
      ] as const;
      const res = await add(g.id, presets.map(([preset]) => ({ direction: 'inbound', preset, remote: ['198.51.100.0/24'] })));
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({ id: g.id, vpcId: g.vpcId, name: 'web-servers', isDefault: false, version: g.version + 1, outboundRules: [], warnings: [] });
      expect(res.body.inboundRules.map((r: any) => [r.type, r.protocol, r.portRange])).toEqual(presets.map(([preset, port]) => [preset, 'tcp', { from: port, to: port }]));
      expect(res.body.inboundRules[0]).toEqual({
        id: expect.stringMatching(/^sgr-/),
        direction: 'inbound',
        type: 'SSH',
        protocol: 'tcp',
        portRange: { from: 22, to: 22 },
        icmp: null,
        ipVersion: 'IPv4',
        action: 'ALLOW',
        remote: '198.51.100.0/24',
        remoteGroupId: null,
        description: '',
      });
      expect(new Set(res.body.inboundRules.map((r: any) => r.id)).size).toBe(5);
      // Applied to no instance: nothing to propagate, so the operation has succeeded already.
      expect(res.body.operation).toEqual({ id: expect.stringMatching(/^op-/), status: 'succeeded', href: `/v1/operations/${res.body.operation.id}` });
      expect(res.headers.get('operation-location')).toBe(res.body.operation.href);
      expect(res.body.propagation).toBe('in-sync');
    });

    it('adds custom ports, ranges, all ports and all traffic', async () => {
      const g = await newGroup();
      const res = await add(g.id, [
        { direction: 'inbound', protocol: 'tcp', ports: '8000-8080', description: 'dev servers' },
        { direction: 'inbound', protocol: 'udp', ports: 53 },
        { direction: 'inbound', protocol: 'tcp', ports: '22', remote: ['203.0.113.7'] },
        { direction: 'inbound', protocol: 'udp', ports: 'all' },
        { direction: 'inbound', protocol: 'tcp', ports: '1-65535', remote: ['10.0.0.0/8'] },
        { direction: 'outbound', protocol: 'all', remote: 'all-ipv6' },
      ]);
      expect(res.status).toBe(202);
      expect(res.body.inboundRules.map((r: any) => [r.type, r.protocol, r.portRange, r.remote, r.description])).toEqual([
        ['Custom', 'tcp', { from: 8000, to: 8080 }, '0.0.0.0/0', 'dev servers'],
        ['Custom', 'udp', { from: 53, to: 53 }, '0.0.0.0/0', ''],
        // The type names the preset that protocol and port match, however the rule was written.
        ['SSH', 'tcp', { from: 22, to: 22 }, '203.0.113.7/32', ''],
        ['Custom', 'udp', null, '0.0.0.0/0', ''],
        ['Custom', 'tcp', null, '10.0.0.0/8', ''],
      ]);
      expect(res.body.outboundRules.map((r: any) => [r.type, r.protocol, r.portRange, r.ipVersion, r.remote])).toEqual([['All traffic', 'all', null, 'IPv6', '::/0']]);
    });

    it('reads all-ipv4, all-ipv6, my-ip and address lists; N addresses make N rules', async () => {
      const g = await newGroup();
      const res = await add(g.id, [
        { direction: 'inbound', protocol: 'tcp', ports: '9000', remote: 'all-ipv4' },
        { direction: 'inbound', protocol: 'tcp', ports: '9000', remote: 'all-ipv6' },
        // The header is ignored without TRUST_PROXY: the address is the socket's.
        { direction: 'inbound', protocol: 'tcp', ports: '9001', remote: 'my-ip' },
        { direction: 'inbound', protocol: 'tcp', ports: '9002', remote: ['203.0.113.7', '198.51.100.0/24', '2001:db8::1', '2001:db8::/32'] },
      ], { 'x-forwarded-for': '203.0.113.9' });
      expect(res.status).toBe(202);
      expect(res.body.inboundRules.map((r: any) => [r.portRange.from, r.ipVersion, r.remote])).toEqual([
        [9000, 'IPv4', '0.0.0.0/0'],
        [9000, 'IPv6', '::/0'],
        [9001, 'IPv4', '127.0.0.1/32'],
        [9002, 'IPv4', '203.0.113.7/32'],
        [9002, 'IPv4', '198.51.100.0/24'],
        [9002, 'IPv6', '2001:db8::1/128'],
        [9002, 'IPv6', '2001:db8::/32'],
      ]);
      expect(res.body.warnings).toEqual([]);
    });

    it('clears host bits of a CIDR and says so in warnings', async () => {
      const g = await newGroup();
      const res = await add(g.id, [{ direction: 'inbound', preset: 'HTTPS', remote: ['198.51.100.77/24', '2001:db8::5/32'] }]);
      expect(res.status).toBe(202);
      expect(res.body.inboundRules.map((r: any) => r.remote)).toEqual(['198.51.100.0/24', '2001:db8::/32']);
      expect(res.body.warnings).toHaveLength(2);
      expect(res.body.warnings[0]).toMatch(/rules\[0\]\.remote\[0\].*host bits of 198\.51\.100\.77\/24.*198\.51\.100\.0\/24/);
    });

    it('adds ICMP rules with type and code', async () => {
      const g = await newGroup();
      const res = await add(g.id, [
        { direction: 'inbound', protocol: 'icmp', icmp: { type: 8, code: 0 }, remote: ['10.0.0.0/8'] },
        { direction: 'inbound', protocol: 'icmp', icmp: { type: 3 } },
        { direction: 'inbound', protocol: 'icmpv6', remote: 'all-ipv6' },
      ]);
      expect(res.status).toBe(202);
      expect(res.body.inboundRules.map((r: any) => [r.type, r.protocol, r.portRange, r.icmp, r.ipVersion, r.remote])).toEqual([
        ['Custom', 'icmp', null, { type: 8, code: 0 }, 'IPv4', '10.0.0.0/8'],
        ['Custom', 'icmp', null, { type: 3, code: null }, 'IPv4', '0.0.0.0/0'],
        ['Custom', 'icmpv6', null, null, 'IPv6', '::/0'],
      ]);
    });

    it('names a group of the same VPC as the remote, which needs ipVersion', async () => {
      const g = await newGroup();
      const withoutVersion = await refused(() => add(g.id, [{ direction: 'inbound', preset: 'MySQL', remote: { group: g.defaultGroupId } }]));
      expect(withoutVersion.status).toBe(400);
      expect(withoutVersion.body.errors).toEqual([{ path: 'rules[0].ipVersion', message: expect.any(String) }]);

      const elsewhere = await newGroup('elsewhere');
      const otherVpc = await refused(() => add(g.id, [{ direction: 'inbound', preset: 'MySQL', ipVersion: 'IPv4', remote: { group: elsewhere.id } }]));
      expect(otherVpc.status).toBe(400);
      expect(otherVpc.body.errors).toEqual([{ path: 'rules[0].remote.group', message: expect.stringContaining(elsewhere.id) }]);

      const res = await add(g.id, [
        { direction: 'inbound', preset: 'MySQL', ipVersion: 'IPv4', remote: { group: g.defaultGroupId } },
        { direction: 'inbound', protocol: 'all', ipVersion: 'IPv6', remote: { group: g.id } },
      ]);
      expect(res.status).toBe(202);
      expect(res.body.inboundRules.map((r: any) => [r.type, r.ipVersion, r.remote, r.remoteGroupId])).toEqual([
        ['MySQL', 'IPv4', null, g.defaultGroupId],
        ['All traffic', 'IPv6', null, g.id],
      ]);
    });

    it('warns when SSH or RDP is opened to the whole internet, and still adds the rule', async () => {
      const g = await newGroup();
      const res = await add(g.id, [
        { direction: 'inbound', preset: 'SSH' },
        { direction: 'inbound', preset: 'RDP', remote: 'all-ipv6' },
        { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] },
        { direction: 'outbound', preset: 'SSH' },
      ]);
      expect(res.status).toBe(202);
      expect(res.body.inboundRules).toHaveLength(3);
      expect(res.body.warnings).toEqual([
        expect.stringMatching(/^rules\[0\]: SSH \(port 22\) is open to 0\.0\.0\.0\/0.*trusted addresses/),
        expect.stringMatching(/^rules\[1\]: RDP \(port 3389\) is open to ::\/0.*trusted addresses/),
      ]);
    });

    it('refuses a bad request with every bad field listed, and writes nothing', async () => {
      const g = await newGroup();
      const res = await refused(() =>
        add(g.id, [
          { direction: 'inbound', protocol: 'tcp', ports: '70000' },
          { direction: 'inbound', preset: 'HTTP', remote: ['203.0.113.7', '10.0.0.1', '300.1.2.3'] },
          { direction: 'inbound', ports: '80' },
          { direction: 'inbound', preset: 'SSH', ipVersion: 'IPv4', remote: ['2001:db8::/32'] },
          { direction: 'sideways', protocol: 'icmp', ports: '22' },
          { direction: 'inbound', preset: 'SSH', colour: 'red' },
          { direction: 'inbound', protocol: 'tcp', ports: '90-80', description: 'x'.repeat(256) },
          'not a rule',
        ]),
      );
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
        [
          'rules[0].ports',
          'rules[1].remote[2]',
          'rules[2].protocol',
          'rules[3].remote[0]',
          'rules[4].direction',
          'rules[4].ports',
          'rules[5].colour',
          'rules[6].ports',
          'rules[6].description',
          'rules[7]',
        ].sort(),
      );
    });

    it.each<[string, unknown]>([
      ['a null body', 'null'],
      ['malformed JSON', '{"rules": [{"direction": "inbound",'],
      ['an empty object', {}],
      ['an empty list', { rules: [] }],
      ['a list of the wrong kind', { rules: 'SSH' }],
      ['an unknown top-level field', { rules: [{ direction: 'inbound', preset: 'SSH' }], force: true }],
      ['an array body', [{ direction: 'inbound', preset: 'SSH' }]],
      ['huge numbers', { rules: [{ direction: 'inbound', protocol: 'tcp', ports: 1e308 }] }],
      ['unicode where names belong', { rules: [{ direction: 'ïnbound', protocol: '𝕥𝕔𝕡', remote: ['١٢٣.1.1.1'] }] }],
      ['a remote of the wrong kind', { rules: [{ direction: 'inbound', preset: 'SSH', remote: 7 }] }],
      ['a group id that is no id', { rules: [{ direction: 'inbound', preset: 'SSH', ipVersion: 'IPv4', remote: { group: 'sg-\u202e; DROP' } }] }],
      ['prototype keys', JSON.parse('{"rules": [{"direction": "inbound", "preset": "SSH", "__proto__": {"x": 1}}]}')],
    ])('400 for %s, never a 500', async (_, body) => {
      const g = await newGroup();
      const res = await refused(() => http.post(rulesOf(g.id), body));
      expect(res.status).toBe(400);
      expect(res.body.type).toBe('validation-failed');
      expect(res.body.errors.length).toBeGreaterThan(0);
    });

    it('refuses more than 1000 addresses in one request as a quota', async () => {
      const g = await newGroup();
      const addresses = Array.from({ length: 1001 }, (_, i) => `10.${i >> 8}.${i & 255}.1`);
      const res = await refused(() => add(g.id, [{ direction: 'inbound', preset: 'HTTPS', remote: addresses }]));
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('quota-exceeded');
      expect(res.body.detail).toMatch(/at most 1000 addresses/);
    });
  });

  describe('duplicates', () => {
    it('refuses a rule twice in one request', async () => {
      const g = await newGroup();
      const res = await refused(() =>
        add(g.id, [
          { direction: 'inbound', preset: 'HTTPS' },
          { direction: 'inbound', protocol: 'tcp', ports: '443', remote: 'all-ipv4', description: 'same rule, other words' },
        ]),
      );
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('duplicate-rule');
      expect(res.body.errors).toEqual([{ path: 'rules[1]', message: 'duplicates rules[0] in the same request' }]);
    });

    it('refuses a rule that exists already, naming the existing rule', async () => {
      const g = await newGroup();
      const first = await add(g.id, [{ direction: 'inbound', preset: 'HTTPS', remote: ['203.0.113.0/24'] }]);
      const existingId = first.body.inboundRules[0].id;
      const res = await refused(() =>
        add(g.id, [
          { direction: 'inbound', preset: 'HTTP', remote: ['203.0.113.0/24'] },
          { direction: 'inbound', protocol: 'tcp', ports: 443, remote: ['203.0.113.9/24'] },
        ]),
      );
      expect(res.status).toBe(409);
      expect(res.body.type).toBe('duplicate-rule');
      expect(res.body.detail).toContain(existingId);
      expect(res.body.errors).toEqual([{ path: 'rules[1]', message: `duplicates existing rule ${existingId}` }]);
      // All or nothing: the HTTP rule of the refused request is not there either.
      const now = await http.get(`/v1/security-groups/${g.id}`);
      expect(now.body.inboundRules.map((r: any) => r.id)).toEqual([existingId]);
      expect(now.body.version).toBe(first.body.version);
    });
  });

  describe('the default group', () => {
    it('refuses every rule change with default-group-immutable, and writes nothing', async () => {
      const g = await newGroup();
      const addOne = await refused(() => add(g.defaultGroupId, [{ direction: 'inbound', preset: 'SSH', remote: 'my-ip' }]));
      expect([addOne.status, addOne.body.type]).toEqual([409, 'default-group-immutable']);

      const defaultGroup = (await http.get(`/v1/security-groups/${g.defaultGroupId}`)).body;
      const ruleIds: string[] = defaultGroup.outboundRules.map((r: { id: string }) => r.id);
      expect(ruleIds).toHaveLength(6);

      const removeOne = await refused(() => http.delete(`${rulesOf(g.defaultGroupId)}/${ruleIds[0]}`));
      expect([removeOne.status, removeOne.body.type]).toEqual([409, 'default-group-immutable']);
      const removeSome = await refused(() => http.delete(rulesOf(g.defaultGroupId), { ruleIds: ruleIds.slice(0, 2) }));
      expect([removeSome.status, removeSome.body.type]).toEqual([409, 'default-group-immutable']);
      const replace = await refused(() => http.put(rulesOf(g.defaultGroupId), { inboundRules: [], outboundRules: [{ protocol: 'all' }] }));
      expect([replace.status, replace.body.type]).toEqual([409, 'default-group-immutable']);
    });
  });

  describe('removing', () => {
    async function groupWithRules(): Promise<{ g: TestGroup; ids: string[]; version: number }> {
      const g = await newGroup();
      const res = await add(g.id, [
        { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] },
        { direction: 'inbound', preset: 'HTTP' },
        { direction: 'inbound', preset: 'HTTPS' },
        { direction: 'outbound', protocol: 'all' },
      ]);
      return { g, ids: [...res.body.inboundRules, ...res.body.outboundRules].map((r: any) => r.id), version: res.body.version };
    }

    it('removes one rule by id', async () => {
      const { g, ids, version } = await groupWithRules();
      const res = await http.delete(`${rulesOf(g.id)}/${ids[1]}`);
      expect(res.status).toBe(202);
      expect(res.body.version).toBe(version + 1);
      expect(res.body.inboundRules.map((r: any) => r.id)).toEqual([ids[0], ids[2]]);
      expect(res.body.outboundRules.map((r: any) => r.id)).toEqual([ids[3]]);
      expect(res.body.operation.status).toBe('succeeded');
      expect(res.headers.get('operation-location')).toBe(res.body.operation.href);
      const again = await refused(() => http.delete(`${rulesOf(g.id)}/${ids[1]}`));
      expect([again.status, again.body.type]).toEqual([404, 'not-found']);
    });

    it('404s an unknown rule id, and a rule of another group', async () => {
      const { g } = await groupWithRules();
      const other = await groupWithRules();
      for (const ruleId of ['sgr-nope', other.ids[0], 'x'.repeat(300), '%F0%9F%94%A5', '%00']) {
        const res = await refused(() => http.delete(`${rulesOf(g.id)}/${ruleId}`));
        expect([res.status, res.body.type]).toEqual([404, 'not-found']);
      }
    });

    it('removes several rules at once, all or nothing', async () => {
      const { g, ids, version } = await groupWithRules();
      const partly = await refused(() => http.delete(rulesOf(g.id), { ruleIds: [ids[0], 'sgr-nope'] }));
      expect([partly.status, partly.body.type]).toEqual([404, 'not-found']);
      expect(partly.body.detail).toContain('sgr-nope');

      const res = await http.delete(rulesOf(g.id), { ruleIds: [ids[0], ids[3], ids[0]] });
      expect(res.status).toBe(202);
      expect(res.body.version).toBe(version + 1);
      expect(res.body.inboundRules.map((r: any) => r.id)).toEqual([ids[1], ids[2]]);
      expect(res.body.outboundRules).toEqual([]);
    });

    it.each<[string, unknown]>([
      ['no body', undefined],
      ['no ids', { ruleIds: [] }],
      ['ids of the wrong kind', { ruleIds: [7, ''] }],
      ['a single id instead of a list', { ruleIds: 'sgr-1' }],
      ['an unknown field', { ruleIds: ['sgr-1'], all: true }],
    ])('400 for %s', async (_, body) => {
      const { g } = await groupWithRules();
      const res = await refused(() => http.delete(rulesOf(g.id), body));
      expect([res.status, res.body.type]).toEqual([400, 'validation-failed']);
    });
  });

  describe('replacing', () => {
    it('makes the set exactly the given one; rules that stay keep their ids', async () => {
      const g = await newGroup();
      const before = await add(g.id, [
        { direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] },
        { direction: 'inbound', preset: 'HTTP' },
        { direction: 'inbound', preset: 'HTTPS', description: 'web' },
        { direction: 'outbound', protocol: 'all' },
      ]);
      const [ssh, , https] = before.body.inboundRules;
      const res = await http.put(rulesOf(g.id), {
        inboundRules: [
          { preset: 'SSH', remote: ['203.0.113.7/32'] },
          { direction: 'inbound', protocol: 'tcp', ports: 443, description: 'public web' },
          { preset: 'MySQL', remote: ['10.0.0.0/8'] },
        ],
        outboundRules: [{ protocol: 'all', remote: 'all-ipv6' }],
      });
      expect(res.status).toBe(202);
      expect(res.body.version).toBe(before.body.version + 1);
      const inbound = new Map(res.body.inboundRules.map((r: any) => [r.type, r]));
      expect([...inbound.keys()].sort()).toEqual(['HTTPS', 'MySQL', 'SSH']);
      expect((inbound.get('SSH') as any).id).toBe(ssh.id);
      // A new description is the same rule: it keeps its id.
      expect(inbound.get('HTTPS')).toMatchObject({ id: https.id, description: 'public web' });
      const known = new Set(before.body.inboundRules.concat(before.body.outboundRules).map((r: any) => r.id));
      expect(known.has((inbound.get('MySQL') as any).id)).toBe(false);
      expect(res.body.outboundRules.map((r: any) => [r.type, r.remote])).toEqual([['All traffic', '::/0']]);
      expect(known.has(res.body.outboundRules[0].id)).toBe(false);
      expect(res.body.operation.status).toBe('succeeded');

      const emptied = await http.put(rulesOf(g.id), {});
      expect(emptied.status).toBe(202);
      expect([emptied.body.inboundRules, emptied.body.outboundRules]).toEqual([[], []]);
    });

    it('warns as adding does', async () => {
      const g = await newGroup();
      const res = await http.put(rulesOf(g.id), { inboundRules: [{ preset: 'RDP' }, { preset: 'HTTPS', remote: ['198.51.100.1/24'] }] });
      expect(res.status).toBe(202);
      expect(res.body.warnings).toEqual([expect.stringMatching(/^inboundRules\[0\]: RDP/), expect.stringMatching(/^inboundRules\[1\]\.remote\[0\]: host bits/)]);
    });

    it('refuses bad lists with every bad field, and duplicates, writing nothing', async () => {
      const g = await newGroup();
      await add(g.id, [{ direction: 'inbound', preset: 'SSH', remote: ['203.0.113.7'] }]);
      const bad = await refused(() =>
        http.put(rulesOf(g.id), {
          inboundRules: [{ ports: '22' }, { direction: 'outbound', preset: 'SSH' }],
          outboundRules: [{ protocol: 'udp', ports: '0' }],
          rules: [],
        }),
      );
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['inboundRules[0].protocol', 'inboundRules[1].direction', 'outboundRules[0].ports', 'rules'].sort());
      const notLists = await refused(() => http.put(rulesOf(g.id), { inboundRules: 'SSH', outboundRules: null }));
      expect(notLists.status).toBe(400);
      const dup = await refused(() => http.put(rulesOf(g.id), { inboundRules: [{ preset: 'HTTP' }, { protocol: 'tcp', ports: '80' }] }));
      expect([dup.status, dup.body.type]).toEqual([409, 'duplicate-rule']);
      expect(dup.body.errors).toEqual([{ path: 'inboundRules[1]', message: 'duplicates inboundRules[0] in the same request' }]);
    });
  });

  describe('tenants, versions and replays', () => {
    it('404s an unknown group and another tenant\'s on every rule endpoint; an operator may act', async () => {
      const g = await newGroup();
      const created = await add(g.id, [{ direction: 'inbound', preset: 'HTTPS' }]);
      const ruleId = created.body.inboundRules[0].id;
      const other = http.as('otherTenant');
      for (const [who, id] of [[other, g.id], [http, 'sg-does-not-exist'], [http, '%00'], [http, 'sg-' + 'x'.repeat(500)]] as const) {
        const calls = [
          () => who.post(rulesOf(id), { rules: [{ direction: 'inbound', preset: 'SSH' }] }),
          () => who.delete(`${rulesOf(id)}/${ruleId}`),
          () => who.delete(rulesOf(id), { ruleIds: [ruleId] }),
          () => who.put(rulesOf(id), { inboundRules: [] }),
        ];
        for (const call of calls) {
          const res = await refused(call);
          expect([res.status, res.body.type]).toEqual([404, 'not-found']);
        }
      }
      const byOperator = await http.as('operator').post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'HTTP' }] });
      expect(byOperator.status).toBe(202);
      expect(byOperator.body.inboundRules).toHaveLength(2);
    });

    it('honours If-Match: the current version writes, a stale one is 412 and writes nothing', async () => {
      const g = await newGroup();
      const first = await add(g.id, [{ direction: 'inbound', preset: 'HTTP' }], { 'if-match': `"${g.version}"` });
      expect(first.status).toBe(202);
      const ruleId = first.body.inboundRules[0].id;
      const stale = `"${g.version}"`;
      for (const call of [
        () => add(g.id, [{ direction: 'inbound', preset: 'HTTPS' }], { 'if-match': stale }),
        () => http.delete(`${rulesOf(g.id)}/${ruleId}`, undefined, { 'if-match': stale }),
        () => http.delete(rulesOf(g.id), { ruleIds: [ruleId] }, { 'if-match': stale }),
        () => http.put(rulesOf(g.id), {}, { 'if-match': stale }),
      ]) {
        const res = await refused(call);
        expect([res.status, res.body.type]).toEqual([412, 'version-mismatch']);
      }
      const bad = await refused(() => add(g.id, [{ direction: 'inbound', preset: 'HTTPS' }], { 'if-match': 'yesterday' }));
      expect(bad.status).toBe(400);
      expect((await http.get(`/v1/security-groups/${g.id}`)).body.version).toBe(first.body.version);
      const current = await http.put(rulesOf(g.id), {}, { 'if-match': `"${first.body.version}"` });
      expect(current.status).toBe(202);
      expect(current.body.inboundRules).toEqual([]);
    });

    it('replays an add with the same Idempotency-Key: the same answer, one set of events', async () => {
      const g = await newGroup();
      const body = { rules: [{ direction: 'inbound', preset: 'SSH', remote: 'my-ip' }] };
      const first = await http.post(rulesOf(g.id), body, { 'idempotency-key': 'add-ssh-1' });
      expect(first.status).toBe(202);
      const written = await eventCount();
      const again = await http.post(rulesOf(g.id), body, { 'idempotency-key': 'add-ssh-1' });
      expect(again.status).toBe(202);
      expect(again.text).toBe(first.text);
      expect(again.headers.get('operation-location')).toBe(first.headers.get('operation-location'));
      expect(await eventCount()).toBe(written);
      const [{ n }] = await api.db.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = $1 AND metadata->>'idempotencyKey' = 'add-ssh-1'`, [g.id]);
      expect(n).toBe(1);

      const reused = await refused(() => http.post(rulesOf(g.id), { rules: [{ direction: 'inbound', preset: 'RDP' }] }, { 'idempotency-key': 'add-ssh-1' }));
      expect([reused.status, reused.body.type]).toEqual([422, 'idempotency-key-reused']);
    });

    it('records who changed the rules, with the request id', async () => {
      const g = await newGroup();
      const res = await add(g.id, [{ direction: 'inbound', preset: 'HTTPS' }], { 'x-request-id': 'req-rules-audit-1' });
      expect(res.status).toBe(202);
      const rows = await api.db.dataSource.query(`SELECT type, metadata FROM events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`, [g.id]);
      expect(rows[0].type).toBe('security-group.rules.added');
      // The server's own id is the request id; the one the client chose is kept as clientRequestId.
      expect(rows[0].metadata).toMatchObject({ tenant: 'demo', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/), clientRequestId: 'req-rules-audit-1', actor: expect.stringMatching(/^demo\/member#/) });
      expect(res.headers.get('x-request-id')).toBe('req-rules-audit-1');
    });
  });
});
