import { Issues, RuleSpec, ValidationFailed } from '@sg/domain';
import { RuleInputContext } from './rule-input';
import { normalizeRuleInputs, normalizeRuleSpec, ruleSpecToInput } from './rule-input.normalize';

const CTX: RuleInputContext = { callerIp: '198.51.100.23', maxAddresses: 1000 };

function run(inputs: unknown, ctx: Partial<RuleInputContext> = {}) {
  const issues = new Issues();
  const result = normalizeRuleInputs(inputs, 'rules', { ...CTX, ...ctx }, issues);
  return { ...result, specs: result.rules.map((r) => r.spec), issues: issues.list };
}

const ssh = { direction: 'inbound', preset: 'SSH', remote: ['10.0.0.0/8'] };

describe('normalizeRuleInputs: accepted inputs', () => {
  it('fills a whole spec from a preset', () => {
    const { specs, issues, warnings } = run([ssh]);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([]);
    expect(specs).toEqual<RuleSpec[]>([
      {
        direction: 'inbound',
        protocol: 'tcp',
        portRange: { from: 22, to: 22 },
        icmp: null,
        ipVersion: 'IPv4',
        remote: '10.0.0.0/8',
        remoteGroupId: null,
        description: '',
      },
    ]);
  });

  it.each<[string, Record<string, unknown>, Partial<RuleSpec>]>([
    ['preset RDP', { preset: 'RDP' }, { protocol: 'tcp', portRange: { from: 3389, to: 3389 } }],
    ['preset MySQL', { preset: 'MySQL' }, { protocol: 'tcp', portRange: { from: 3306, to: 3306 } }],
    ['preset HTTP', { preset: 'HTTP' }, { protocol: 'tcp', portRange: { from: 80, to: 80 } }],
    ['preset HTTPS', { preset: 'HTTPS' }, { protocol: 'tcp', portRange: { from: 443, to: 443 } }],
    ['preset with matching protocol and ports', { preset: 'SSH', protocol: 'tcp', ports: '22' }, { portRange: { from: 22, to: 22 } }],
    ['preset with ports as a number', { preset: 'HTTPS', ports: 443 }, { portRange: { from: 443, to: 443 } }],
    ['udp range', { protocol: 'udp', ports: '8000-8080' }, { protocol: 'udp', portRange: { from: 8000, to: 8080 } }],
    ['tcp port number', { protocol: 'tcp', ports: 5432 }, { portRange: { from: 5432, to: 5432 } }],
    ['tcp without ports', { protocol: 'tcp' }, { portRange: null }],
    ['ports "all"', { protocol: 'udp', ports: 'all' }, { portRange: null }],
    ['ports 1-65535 as all', { protocol: 'tcp', ports: '1-65535' }, { portRange: null }],
    ['protocol all', { protocol: 'all' }, { protocol: 'all', portRange: null, icmp: null }],
    ['icmp with type and code', { protocol: 'icmp', icmp: { type: 8, code: 0 } }, { icmp: { type: 8, code: 0 }, ipVersion: 'IPv4' }],
    ['icmp type only', { protocol: 'icmp', icmp: { type: 3 } }, { icmp: { type: 3, code: null } }],
    ['icmp without icmp', { protocol: 'icmp' }, { icmp: null, remote: '0.0.0.0/0' }],
    ['icmpv6 defaults to ::/0', { protocol: 'icmpv6' }, { ipVersion: 'IPv6', remote: '::/0' }],
    ['remote omitted', { protocol: 'tcp' }, { ipVersion: 'IPv4', remote: '0.0.0.0/0' }],
    ['remote omitted, ipVersion IPv6', { protocol: 'tcp', ipVersion: 'IPv6' }, { ipVersion: 'IPv6', remote: '::/0' }],
    ['all-ipv4', { protocol: 'tcp', remote: 'all-ipv4' }, { ipVersion: 'IPv4', remote: '0.0.0.0/0' }],
    ['all-ipv6', { protocol: 'tcp', remote: 'all-ipv6' }, { ipVersion: 'IPv6', remote: '::/0' }],
    ['my-ip', { protocol: 'tcp', remote: 'my-ip' }, { ipVersion: 'IPv4', remote: '198.51.100.23/32' }],
    ['a single address string', { protocol: 'tcp', remote: '203.0.113.7' }, { remote: '203.0.113.7/32' }],
    ['a single IPv6 CIDR string', { protocol: 'tcp', remote: '2001:DB8::/32' }, { ipVersion: 'IPv6', remote: '2001:db8::/32' }],
    ['ipVersion agreeing', { protocol: 'tcp', ipVersion: 'IPv6', remote: ['2001:db8::1'] }, { ipVersion: 'IPv6', remote: '2001:db8::1/128' }],
    ['a group', { protocol: 'tcp', ipVersion: 'IPv4', remote: { group: 'sg-web' } }, { ipVersion: 'IPv4', remote: null, remoteGroupId: 'sg-web' }],
    ['a description', { protocol: 'tcp', description: 'from the bastion' }, { description: 'from the bastion' }],
    ['255 emoji as a description', { protocol: 'tcp', description: '🔥'.repeat(255) }, { description: '🔥'.repeat(255) }],
    ['outbound', { protocol: 'tcp', direction: 'outbound' }, { direction: 'outbound' }],
  ])('%s', (_name, input, expected) => {
    const { specs, issues } = run([{ direction: 'inbound', ...input }]);
    expect(issues).toEqual([]);
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject(expected);
  });

  it.each([
    ['::ffff:127.0.0.1', '127.0.0.1/32', 'IPv4'],
    ['2001:db8::9', '2001:db8::9/128', 'IPv6'],
  ])('my-ip unmaps the caller address %s to %s', (callerIp, remote, ipVersion) => {
    const { specs, issues } = run([{ direction: 'inbound', protocol: 'tcp', remote: 'my-ip' }], { callerIp });
    expect(issues).toEqual([]);
    expect(specs[0]).toMatchObject({ remote, ipVersion });
  });

  it('makes one rule per listed address, in order, each with its own IP version', () => {
    const { rules, issues } = run([
      { direction: 'inbound', protocol: 'tcp', ports: '443', remote: ['203.0.113.7', '2001:db8::/32', '198.51.100.0/24'] },
      { direction: 'outbound', protocol: 'udp', ports: '53' },
    ]);
    expect(issues).toEqual([]);
    expect(rules.map((r) => [r.sourcePath, r.spec.ipVersion, r.spec.remote])).toEqual([
      ['rules[0]', 'IPv4', '203.0.113.7/32'],
      ['rules[0]', 'IPv6', '2001:db8::/32'],
      ['rules[0]', 'IPv4', '198.51.100.0/24'],
      ['rules[1]', 'IPv4', '0.0.0.0/0'],
    ]);
  });

  it('accepts an empty list (the caller decides whether one is needed)', () => {
    expect(run([])).toMatchObject({ rules: [], issues: [], warnings: [] });
  });

  it('takes the direction from the list when the input has none, and accepts one that agrees', () => {
    const { specs, issues } = run([{ protocol: 'tcp' }, { direction: 'outbound', protocol: 'udp' }], {
      impliedDirection: 'outbound',
    });
    expect(issues).toEqual([]);
    expect(specs.map((s) => s.direction)).toEqual(['outbound', 'outbound']);
  });
});

describe('normalizeRuleInputs: rejected inputs', () => {
  const rule = (fields: Record<string, unknown>) => [{ direction: 'inbound', protocol: 'tcp', ...fields }];

  it.each<[string, unknown, Partial<RuleInputContext>, string, RegExp]>([
    ['not an array', { direction: 'inbound' }, {}, 'rules', /must be an array of rules/],
    ['a null item', [null], {}, 'rules[0]', /must be an object/],
    ['a string item', ['SSH'], {}, 'rules[0]', /must be an object/],
    ['an array item', [[]], {}, 'rules[0]', /must be an object/],
    ['an unknown field', rule({ foo: 1 }), {}, 'rules[0].foo', /^unknown field$/],
    ['a familiar wrong field', rule({ port: 22 }), {}, 'rules[0].port', /unknown field; did you mean ports\?/],
    ['the output field portRange', rule({ portRange: null }), {}, 'rules[0].portRange', /did you mean ports/],
    ['__proto__ as a field', JSON.parse('[{"direction":"inbound","protocol":"tcp","__proto__":{"ports":"1"}}]'), {}, 'rules[0].__proto__', /unknown field/],
    ['no direction', [{ protocol: 'tcp' }], {}, 'rules[0].direction', /is required: inbound or outbound/],
    ['a bad direction', rule({ direction: 'ingress' }), {}, 'rules[0].direction', /must be inbound or outbound/],
    ['a direction against the list', rule({ direction: 'outbound' }), { impliedDirection: 'inbound' }, 'rules[0].direction', /is outbound, but this list holds inbound rules/],
    ['a lower-case preset', [{ direction: 'inbound', preset: 'ssh' }], {}, 'rules[0].preset', /case-sensitive: write "SSH"/],
    ['an unknown preset', [{ direction: 'inbound', preset: 'FTP' }], {}, 'rules[0].preset', /must be one of SSH, RDP, MySQL, HTTP, HTTPS/],
    ['a preset with protocol udp', [{ direction: 'inbound', preset: 'SSH', protocol: 'udp' }], {}, 'rules[0].protocol', /preset SSH is tcp/],
    ['a preset with other ports', [{ direction: 'inbound', preset: 'SSH', ports: '22-23' }], {}, 'rules[0].ports', /preset SSH is port 22; omit ports or give 22/],
    ['neither preset nor protocol', [{ direction: 'inbound' }], {}, 'rules[0].protocol', /is required: give protocol or preset/],
    ['an upper-case protocol', rule({ protocol: 'TCP' }), {}, 'rules[0].protocol', /lower-case: write "tcp"/],
    ['an unknown protocol', rule({ protocol: 'grease' }), {}, 'rules[0].protocol', /must be one of/],
    ['ports with icmp', rule({ protocol: 'icmp', ports: '22' }), {}, 'rules[0].ports', /apply to tcp and udp only; omit ports for icmp/],
    ['ports with icmpv6', rule({ protocol: 'icmpv6', ports: 'all' }), {}, 'rules[0].ports', /omit ports for icmpv6/],
    ['ports "all" with all', rule({ protocol: 'all', ports: 'all' }), {}, 'rules[0].ports', /omit ports for all/],
    ['port 0', rule({ ports: '0' }), {}, 'rules[0].ports', /port must be an integer 1–65535/],
    ['port 65536', rule({ ports: 65536 }), {}, 'rules[0].ports', /1–65535/],
    ['from > to', rule({ ports: '8080-8000' }), {}, 'rules[0].ports', /starts at 8080, after its end 8000/],
    ['an open range', rule({ ports: '22-' }), {}, 'rules[0].ports', /expected "all"/],
    ['a boolean port', rule({ ports: true }), {}, 'rules[0].ports', /must be a string or a number/],
    ['icmp with tcp', rule({ icmp: { type: 8 } }), {}, 'rules[0].icmp', /applies to icmp and icmpv6 only; omit it for tcp/],
    ['icmp with a preset', [{ direction: 'inbound', preset: 'SSH', icmp: { type: 8 } }], {}, 'rules[0].icmp', /applies to icmp and icmpv6 only/],
    ['an ICMP type out of range', rule({ protocol: 'icmp', icmp: { type: 300 } }), {}, 'rules[0].icmp', /type must be an integer 0–255/],
    ['an ICMP object with extra keys', rule({ protocol: 'icmp', icmp: { type: 8, id: 1 } }), {}, 'rules[0].icmp', /unknown field "id"/],
    ['ipVersion in lower case', rule({ ipVersion: 'ipv4' }), {}, 'rules[0].ipVersion', /write "IPv4"/],
    ['an unknown ipVersion', rule({ ipVersion: 'IPv5' }), {}, 'rules[0].ipVersion', /must be IPv4 or IPv6/],
    ['icmp over IPv6', rule({ protocol: 'icmp', ipVersion: 'IPv6' }), {}, 'rules[0].ipVersion', /icmp is IPv4 only; use icmpv6 for IPv6/],
    ['icmpv6 over IPv4', rule({ protocol: 'icmpv6', ipVersion: 'IPv4' }), {}, 'rules[0].ipVersion', /icmpv6 is IPv6 only; use icmp for IPv4/],
    ['icmp to an IPv6 address', rule({ protocol: 'icmp', remote: ['10.0.0.0/8', '2001:db8::/32'] }), {}, 'rules[0].remote[1]', /^2001:db8::\/32 is IPv6 but icmp is IPv4 only/],
    ['icmpv6 to all-ipv4', rule({ protocol: 'icmpv6', remote: 'all-ipv4' }), {}, 'rules[0].remote', /^all-ipv4 is IPv4 but icmpv6 is IPv6 only/],
    ['an IPv6 CIDR on an IPv4 rule', rule({ ipVersion: 'IPv4', remote: ['10.0.0.0/8', '2001:db8::/32'] }), {}, 'rules[0].remote[1]', /^2001:db8::\/32 is IPv6 but ipVersion is IPv4$/],
    ['all-ipv4 on an IPv6 rule', rule({ ipVersion: 'IPv6', remote: 'all-ipv4' }), {}, 'rules[0].remote', /^all-ipv4 is IPv4 but ipVersion is IPv6$/],
    ['my-ip against ipVersion', rule({ ipVersion: 'IPv6', remote: 'my-ip' }), {}, 'rules[0].remote', /^my-ip \(198\.51\.100\.23\) is IPv4 but ipVersion is IPv6$/],
    ['an empty list', rule({ remote: [] }), {}, 'rules[0].remote', /at least one address/],
    ['a bad CIDR', rule({ remote: ['10.0.0.0/8', '10.0.0.0/33'] }), {}, 'rules[0].remote[1]', /"10\.0\.0\.0\/33" is not a valid CIDR: the prefix length/],
    ['an octal address', rule({ remote: '010.0.0.1' }), {}, 'rules[0].remote', /without leading zeros/],
    ['an IPv4-mapped address', rule({ remote: ['::ffff:1.2.3.4'] }), {}, 'rules[0].remote[0]', /IPv4-mapped/],
    ['a number in the list', rule({ remote: [167772160] }), {}, 'rules[0].remote[0]', /must be an address or CIDR string/],
    ['a keyword in a list', rule({ remote: ['all-ipv4'] }), {}, 'rules[0].remote[0]', /"all-ipv4" stands alone as remote/],
    ['a number as remote', rule({ remote: 42 }), {}, 'rules[0].remote', /must be "all-ipv4", "all-ipv6", "my-ip", a list/],
    ['my-ip without a caller address', rule({ remote: 'my-ip' }), { callerIp: null }, 'rules[0].remote', /my-ip: the server does not know your address/],
    ['my-ip with an unusable caller address', rule({ remote: 'my-ip' }), { callerIp: 'unknown' }, 'rules[0].remote', /my-ip: your address as the server sees it is unusable/],
    ['a group without ipVersion', rule({ remote: { group: 'sg-web' } }), {}, 'rules[0].ipVersion', /is required when remote is a group/],
    ['a group that is not an id', rule({ ipVersion: 'IPv4', remote: { group: 42 } }), {}, 'rules[0].remote.group', /must be an id like sg-/],
    ['a group object without group', rule({ ipVersion: 'IPv4', remote: {} }), {}, 'rules[0].remote.group', /is required/],
    ['a group object with more keys', rule({ ipVersion: 'IPv4', remote: { group: 'sg-web', vpc: 'x' } }), {}, 'rules[0].remote.vpc', /unknown field/],
    ['a long description', rule({ description: 'x'.repeat(256) }), {}, 'rules[0].description', /at most 255 characters/],
    ['a non-string description', rule({ description: 5 }), {}, 'rules[0].description', /must be a string/],
    ['a NUL in the description', rule({ description: 'a\u0000b' }), {}, 'rules[0].description', /control characters/],
    ['a lone surrogate in the description', rule({ description: 'a\ud800b' }), {}, 'rules[0].description', /valid Unicode/],
    ['a null field', rule({ ports: null }), {}, 'rules[0].ports', /must not be null; omit the field/],
    ['a null remote', rule({ remote: null }), {}, 'rules[0].remote', /must be "all-ipv4"/],
  ])('%s', (_name, inputs, ctx, path, message) => {
    const { issues } = run(inputs, ctx);
    expect(issues).toEqual([{ path, message: expect.stringMatching(message) }]);
  });

  it('returns the good entries of a list beside the issues of the bad ones', () => {
    const { issues, specs } = run([{ direction: 'inbound', protocol: 'tcp', remote: ['10.0.0.0/8', 'nope', '::1'] }]);
    expect(issues.map((i) => i.path)).toEqual(['rules[0].remote[1]']);
    expect(specs.map((s) => s.remote)).toEqual(['10.0.0.0/8', '::1/128']);
  });

  it('reports every problem of every input, not just the first', () => {
    const { issues, rules } = run([
      { direction: 'sideways', protocol: 'icmp', ports: '0', icmp: { type: 999 }, ipVersion: 'IPv6', foo: 1 },
      { direction: 'inbound', protocol: 'tcp', ports: '70000', remote: ['1.2.3', '10.0.0.0/8', 'fe80::1%eth0'] },
      { direction: 'inbound', protocol: 'udp', ports: '53' },
    ]);
    expect(issues.map((i) => i.path)).toEqual([
      'rules[0].foo',
      'rules[0].direction',
      'rules[0].ports',
      'rules[0].icmp',
      'rules[0].ipVersion',
      'rules[1].ports',
      'rules[1].remote[0]',
      'rules[1].remote[2]',
    ]);
    // What did normalise is still returned; the caller throws the issues anyway.
    expect(rules.map((r) => r.sourcePath)).toEqual(['rules[2]']);
  });

  it('limits the addresses of the whole call, naming the limit, with one issue', () => {
    const list = (n: number, base: number) => Array.from({ length: n }, (_, i) => `10.0.${base}.${i}`);
    const { issues, rules } = run(
      [
        { direction: 'inbound', protocol: 'tcp', remote: list(3, 0) },
        { direction: 'inbound', protocol: 'tcp', remote: [...list(2, 1), 'junk', 'more junk'] },
      ],
      { maxAddresses: 4 },
    );
    expect(issues).toEqual([{ path: 'rules', message: 'at most 4 addresses are allowed in one request; this one has 7' }]);
    expect(rules).toHaveLength(4);
  });

  it('accepts exactly the limit', () => {
    const { issues } = run([{ direction: 'inbound', protocol: 'tcp', remote: ['10.0.0.1', '10.0.0.2'] }], { maxAddresses: 2 });
    expect(issues).toEqual([]);
  });
});

describe('normalizeRuleInputs: warnings', () => {
  const inbound = (fields: Record<string, unknown>) => run([{ direction: 'inbound', ...fields }]);

  it('says when host bits were cleared, naming input and result', () => {
    const { warnings, specs } = inbound({ protocol: 'tcp', ports: '443', remote: ['10.1.2.3/8', '2001:db8::1/32'] });
    expect(specs.map((s) => s.remote)).toEqual(['10.0.0.0/8', '2001:db8::/32']);
    expect(warnings).toEqual([
      'rules[0].remote[0]: host bits of 10.1.2.3/8 were cleared; using 10.0.0.0/8',
      'rules[0].remote[1]: host bits of 2001:db8::1/32 were cleared; using 2001:db8::/32',
    ]);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['SSH to 0.0.0.0/0', { preset: 'SSH', remote: 'all-ipv4' }, /^rules\[0\]: SSH \(port 22\) is open to 0\.0\.0\.0\/0, the whole internet; allow only trusted addresses$/],
    ['SSH with the default remote', { preset: 'SSH' }, /SSH \(port 22\) is open to 0\.0\.0\.0\/0/],
    ['RDP to ::/0', { preset: 'RDP', remote: 'all-ipv6' }, /RDP \(port 3389\) is open to ::\/0/],
    ['a range containing 22', { protocol: 'tcp', ports: '20-30' }, /SSH \(port 22\) is open/],
    ['all tcp ports', { protocol: 'tcp' }, /SSH \(port 22\) and RDP \(port 3389\) are open/],
    ['all traffic', { protocol: 'all', remote: '0.0.0.0/0' }, /SSH \(port 22\) and RDP \(port 3389\) are open/],
  ])('warns once for %s', (_name, fields, warning) => {
    const { warnings, issues } = inbound(fields);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(warning)]);
  });

  it('warns once per rule a list makes', () => {
    const { warnings } = inbound({ preset: 'SSH', remote: ['0.0.0.0/0', '::/0', '10.0.0.0/8'] });
    expect(warnings).toEqual([expect.stringMatching(/0\.0\.0\.0\/0/), expect.stringMatching(/::\/0/)]);
  });

  it.each<[string, Record<string, unknown>]>([
    ['udp 22', { protocol: 'udp', ports: '22' }],
    ['outbound SSH', { preset: 'SSH', direction: 'outbound' }],
    ['SSH to a private network', { preset: 'SSH', remote: ['10.0.0.0/8'] }],
    ['SSH to my-ip', { preset: 'SSH', remote: 'my-ip' }],
    ['SSH to a group', { preset: 'SSH', ipVersion: 'IPv4', remote: { group: 'sg-bastion' } }],
    ['HTTPS to everyone', { preset: 'HTTPS', remote: 'all-ipv4' }],
    ['a range above 3389', { protocol: 'tcp', ports: '3390-65535' }],
    ['ICMP to everyone', { protocol: 'icmp' }],
    ['0.0.0.0/1', { preset: 'SSH', remote: ['0.0.0.0/1'] }],
  ])('does not warn for %s', (_name, fields) => {
    const { warnings, issues } = inbound(fields);
    expect(issues).toEqual([]);
    expect(warnings).toEqual([]);
  });
});

describe('normalizeRuleSpec', () => {
  const spec: RuleSpec = {
    direction: 'outbound',
    protocol: 'udp',
    portRange: { from: 547, to: 547 },
    icmp: null,
    ipVersion: 'IPv6',
    remote: 'FF02:0:0:0:0:0:1:2/128',
    remoteGroupId: null,
    description: '',
  };

  it('canonicalises a spec from elsewhere', () => {
    expect(normalizeRuleSpec(spec)).toEqual({ ...spec, remote: 'ff02::1:2/128' });
  });

  it('refuses a spec that is not a valid rule', () => {
    expect(() => normalizeRuleSpec({ ...spec, portRange: { from: 0, to: 10 } })).toThrow(ValidationFailed);
    expect(() => normalizeRuleSpec({ ...spec, remote: '10.0.0.0/8' })).toThrow(ValidationFailed);
  });

  it('writes a spec as an input the API accepts', () => {
    expect(ruleSpecToInput({ ...spec, remote: null, remoteGroupId: 'sg-1' })).toEqual({
      direction: 'outbound',
      protocol: 'udp',
      ports: '547',
      ipVersion: 'IPv6',
      remote: { group: 'sg-1' },
      description: '',
    });
  });
});
