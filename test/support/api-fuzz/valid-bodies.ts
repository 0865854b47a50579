import fc from 'fast-check';

/**
 * Valid bodies of the write endpoints, so that mutations start from requests that reach deep
 * code. Ids of the fuzz world appear as placeholders (`$vpc`, `$instance`, ...), which `resolve`
 * replaces with the world's current ids when the request is sent.
 */
export const PLACEHOLDERS = ['$vpc', '$group', '$refGroup', '$instance', '$rule', '$hv', '$hv2', '$addr', '$op'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const name = fc.oneof(fc.constantFrom('web-servers', 'gpu-1', 'db', 'ml-training'), fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/));
const port = fc.integer({ min: 1, max: 65535 });
const ports = fc.oneof(
  fc.constant('all'),
  port.map(String),
  port,
  fc.tuple(port, port).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
);
const ipv4 = fc.tuple(fc.integer({ min: 1, max: 223 }), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const ipv4Cidr = fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([a, n]) => `${a}/${n}`);
const remote = fc.oneof(
  fc.constantFrom('all-ipv4', 'my-ip'),
  fc.array(fc.oneof(ipv4, ipv4Cidr), { minLength: 1, maxLength: 4 }),
  fc.constant({ group: '$refGroup' }),
);
const direction = fc.constantFrom('inbound', 'outbound');
const description = fc.option(fc.constantFrom('office VPN', '', 'trusted'), { nil: undefined });

function withoutUndefined<T extends Record<string, unknown>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** RULE_INPUT of the /v1 contract; `withDirection` false for the lists of PUT …/rules. */
export function ruleInput(withDirection = true): fc.Arbitrary<Record<string, unknown>> {
  const dir = withDirection ? direction : fc.constant(undefined);
  return fc
    .oneof(
      fc.record({ direction: dir, preset: fc.constantFrom('SSH', 'RDP', 'MySQL', 'HTTP', 'HTTPS'), remote, description }),
      fc.record({ direction: dir, protocol: fc.constantFrom('tcp', 'udp'), ports, remote, description }),
      fc.record({ direction: dir, protocol: fc.constant('icmp'), icmp: fc.option(fc.record({ type: fc.nat(255), code: fc.nat(255) }), { nil: undefined }), remote: fc.array(ipv4, { minLength: 1, maxLength: 2 }) }),
      fc.record({ direction: dir, protocol: fc.constantFrom('icmpv6', 'all'), remote: fc.constant('all-ipv6'), ipVersion: fc.constant('IPv6') }),
      fc.record({ direction: dir, protocol: fc.constant('tcp'), ports, remote: fc.constant({ group: '$refGroup' }), ipVersion: fc.constant('IPv4') }),
    )
    .map((r) => withoutUndefined(r as Record<string, unknown>));
}

const appliedTo = fc
  .record({
    instanceIds: fc.option(fc.constant(['$instance']), { nil: undefined }),
    cidrs: fc.option(fc.subarray(['10.0.1.0/24', '10.0.2.0/24', '10.0.0.0/16', '10.0.128.0/17']), { nil: undefined }),
  })
  .map(withoutUndefined);

const tags = fc.dictionary(fc.stringMatching(/^[a-z]{1,8}$/), fc.stringMatching(/^[a-z0-9]{0,8}$/), { maxKeys: 3 });

export const validBodies = {
  createVpc: fc.record({ name, cidr: fc.option(fc.constantFrom('10.0.0.0/16', '192.168.0.0/24', '10.1.2.3/16', '172.16.0.0/12'), { nil: undefined }) }).map(withoutUndefined),
  registerHypervisor: fc.record({ agentUrl: fc.constantFrom('http://10.0.0.7:7001', 'https://hv.example:7443/', 'http://[fd00::7]:7001') }),
  registerInstance: fc
    .record({
      name,
      vpcId: fc.constant('$vpc'),
      hypervisorId: fc.constantFrom('$hv', '$hv2'),
      ipv4: fc.option(fc.constant('$addr'), { nil: undefined }),
      ipv6: fc.option(fc.constantFrom('fd00::1', '2001:db8::5'), { nil: undefined }),
    })
    .map(withoutUndefined),
  moveInstance: fc.record({ hypervisorId: fc.constantFrom('$hv', '$hv2') }),
  flowCheck: fc.oneof(
    fc.record({ direction, protocol: fc.constantFrom('tcp', 'udp'), port, remote: ipv4 }),
    fc.record({ direction, protocol: fc.constant('icmp'), icmp: fc.record({ type: fc.nat(255), code: fc.nat(255) }), remote: ipv4 }),
    fc.record({ direction, protocol: fc.constant('icmpv6'), remote: fc.constant('2001:db8::9') }),
  ),
  createGroup: fc
    .record({
      vpcId: fc.constant('$vpc'),
      name: fc.option(name, { nil: undefined }),
      description,
      tags: fc.option(tags, { nil: undefined }),
      rules: fc.option(fc.array(ruleInput(), { minLength: 0, maxLength: 3 }), { nil: undefined }),
      applyTo: fc.option(appliedTo, { nil: undefined }),
    })
    .map(withoutUndefined),
  updateGroup: fc.record({ name: fc.option(name, { nil: undefined }), description, tags: fc.option(tags, { nil: undefined }) }, { requiredKeys: [] }).map(withoutUndefined),
  addRules: fc.record({ rules: fc.array(ruleInput(), { minLength: 1, maxLength: 3 }) }),
  replaceRules: fc.record({ inboundRules: fc.array(ruleInput(false), { maxLength: 3 }), outboundRules: fc.array(ruleInput(false), { maxLength: 2 }) }),
  removeRules: fc.record({ ruleIds: fc.array(fc.constantFrom('$rule', 'sgr-unknown'), { minLength: 1, maxLength: 2 }) }),
  appliedTo,
};

/** Replaces placeholders (exact string values) with the world's ids. */
export function resolve(value: unknown, ids: Record<Placeholder, () => string>): unknown {
  if (typeof value === 'string') return (PLACEHOLDERS as readonly string[]).includes(value) ? ids[value as Placeholder]() : value;
  if (Array.isArray(value)) return value.map((v) => resolve(v, ids));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, ids)]));
  return value;
}
