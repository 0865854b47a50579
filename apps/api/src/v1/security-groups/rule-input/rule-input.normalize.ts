import { ALL_IPV4, ALL_IPV6, Cidr, Direction, IcmpMatch, InvalidValue, IpVersion, isIcmpProtocol, Issues, MAX_PORT, MIN_PORT, parseIcmp, parsePeerAddress, parseProtocol, PortRange, PortSpan, PRESET_NAMES, PRESET_PORTS, PresetName, protocolHasPorts, protocolIpVersion, ProtocolName, RuleSpec } from '@sg/domain';
import { asId } from '../../parsing/json-input';
import { NormalizedRules, RuleInputContext } from './rule-input';

const FIELDS = new Set(['direction', 'preset', 'protocol', 'ports', 'icmp', 'ipVersion', 'remote', 'description']);
// Names people reach for from other APIs (AWS, Neutron, our own RULE output).
const FIELD_HINTS: Readonly<Record<string, string>> = {
  port: 'ports',
  portRange: 'ports',
  type: 'preset',
  cidr: 'remote',
  cidrs: 'remote',
  source: 'remote',
  destination: 'remote',
  remoteGroupId: 'remote',
};
const MAX_DESCRIPTION = 255;
const ADMIN_PORTS: readonly PresetName[] = ['SSH', 'RDP'];

/** What one rule input's `remote` stands for, before it is checked against the rule's protocol. */
type RemoteEntry =
  | { kind: 'cidr'; cidr: Cidr; label: string; path: string }
  | { kind: 'group'; groupId: string };

/** Shared across the inputs of one call: the address limit counts the whole request. */
interface CallState {
  ctx: RuleInputContext;
  issues: Issues;
  out: NormalizedRules;
  addresses: number;
}

/** RULE_INPUT list → rule specs (/v1's rule inputs). See rule-input.ts for the contract. */
export function normalizeRuleInputs(
  inputs: unknown,
  path: string,
  ctx: RuleInputContext,
  issues: Issues,
): NormalizedRules {
  const state: CallState = { ctx, issues, out: { rules: [], warnings: [] }, addresses: 0 };
  if (!Array.isArray(inputs)) {
    issues.add(path, 'must be an array of rules');
    return state.out;
  }
  inputs.forEach((input, i) => normalizeOne(input, `${path}[${i}]`, state));
  if (state.addresses > ctx.maxAddresses) {
    issues.add(path, `at most ${ctx.maxAddresses} addresses are allowed in one request; this one has ${state.addresses}`);
  }
  return state.out;
}

function normalizeOne(input: unknown, at: string, state: CallState): void {
  const { issues } = state;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    issues.add(at, 'must be an object');
    return;
  }
  const raw = input as Record<string, unknown>;
  const before = issues.list.length;
  for (const key of Object.keys(raw)) {
    if (!FIELDS.has(key)) {
      const hint = FIELD_HINTS[key];
      issues.add(`${at}.${key}`, hint ? `unknown field; did you mean ${hint}?` : 'unknown field');
    }
  }
  // Own properties only: `constructor` or `__proto__` must never be read from the prototype.
  const field = (name: string) => (Object.hasOwn(raw, name) ? raw[name] : undefined);
  const read = <T>(name: string, parse: (v: unknown) => T): T | undefined => {
    const value = field(name);
    if (value === undefined) return undefined;
    if (value === null) {
      issues.add(`${at}.${name}`, 'must not be null; omit the field to use its default');
      return undefined;
    }
    return issues.capture(`${at}.${name}`, () => parse(value));
  };

  const direction = readDirection(read('direction', parseDirection), field('direction') !== undefined, at, state);
  const preset = read('preset', parsePreset);
  const givenProtocol = read('protocol', parseProtocol);
  const protocol = preset ? 'tcp' : givenProtocol;
  if (preset && givenProtocol && givenProtocol !== 'tcp') {
    issues.add(`${at}.protocol`, `preset ${preset} is tcp; omit protocol or give "tcp"`);
  }
  if (field('preset') === undefined && field('protocol') === undefined) {
    issues.add(`${at}.protocol`, 'is required: give protocol or preset');
  }
  const portRange = readPorts(read, field('ports') !== undefined, protocol, preset, at, issues);
  const icmp = readIcmp(read, field('icmp') !== undefined, protocol, at, issues);
  const ipVersion = read('ipVersion', parseIpVersion);
  const required = protocol && protocolIpVersion(protocol);
  if (ipVersion && protocol && required && ipVersion !== required) {
    issues.add(`${at}.ipVersion`, versionOnly(protocol));
  }
  const description = read('description', parseRuleDescription) ?? '';
  const ruleOk = issues.list.length === before;

  const remotes = readRemote(field('remote'), at, ipVersion ?? required ?? 'IPv4', state);
  for (const entry of remotes) {
    let version: IpVersion;
    if (entry.kind === 'group') {
      if (!ipVersion) {
        if (field('ipVersion') === undefined) issues.add(`${at}.ipVersion`, 'is required when remote is a group');
        continue;
      }
      version = ipVersion;
    } else {
      version = entry.cidr.version;
      if (ipVersion && version !== ipVersion) {
        issues.add(entry.path, `${entry.label} is ${version} but ipVersion is ${ipVersion}`);
        continue;
      }
      if (!ipVersion && protocol && required && version !== required) {
        issues.add(entry.path, `${entry.label} is ${version} but ${versionOnly(protocol)}`);
        continue;
      }
    }
    if (!ruleOk || !direction || !protocol) continue;
    const spec: RuleSpec = {
      direction,
      protocol,
      portRange: portRange ?? null,
      icmp: icmp ?? null,
      ipVersion: version,
      remote: entry.kind === 'cidr' ? entry.cidr.toString() : null,
      remoteGroupId: entry.kind === 'group' ? entry.groupId : null,
      description,
    };
    state.out.rules.push({ spec, sourcePath: at });
    const warning = adminExposureWarning(spec, at);
    if (warning) state.out.warnings.push(warning);
  }
}

function readDirection(
  given: Direction | undefined,
  present: boolean,
  at: string,
  { ctx, issues }: CallState,
): Direction | undefined {
  const implied = ctx.impliedDirection;
  if (!present && !implied) issues.add(`${at}.direction`, 'is required: inbound or outbound');
  if (given && implied && given !== implied) {
    issues.add(`${at}.direction`, `is ${given}, but this list holds ${implied} rules`);
    return undefined;
  }
  return present ? given : implied;
}

type Reader = <T>(name: string, parse: (v: unknown) => T) => T | undefined;

function readPorts(
  read: Reader,
  present: boolean,
  protocol: ProtocolName | undefined,
  preset: PresetName | undefined,
  at: string,
  issues: Issues,
): PortSpan | null | undefined {
  const presetSpan = preset ? { from: PRESET_PORTS[preset], to: PRESET_PORTS[preset] } : null;
  if (!present) return presetSpan;
  if (protocol && !protocolHasPorts(protocol)) {
    issues.add(`${at}.ports`, `apply to tcp and udp only; omit ports for ${protocol}`);
    return undefined;
  }
  const span = read('ports', PortRange.parse);
  if (span === undefined) return undefined;
  if (preset && !PortRange.equals(span, presetSpan)) {
    issues.add(`${at}.ports`, `preset ${preset} is port ${PRESET_PORTS[preset]}; omit ports or give ${PRESET_PORTS[preset]}`);
    return undefined;
  }
  // 1–65535 is "all" spelled out; one spelling keeps duplicate detection honest.
  return span && span.from === MIN_PORT && span.to === MAX_PORT ? null : span;
}

function readIcmp(
  read: Reader,
  present: boolean,
  protocol: ProtocolName | undefined,
  at: string,
  issues: Issues,
): IcmpMatch | null | undefined {
  if (!present) return null;
  if (protocol && !isIcmpProtocol(protocol)) {
    issues.add(`${at}.icmp`, `applies to icmp and icmpv6 only; omit it for ${protocol}`);
    return undefined;
  }
  return read('icmp', parseIcmp);
}

function readRemote(raw: unknown, at: string, defaultVersion: IpVersion, state: CallState): RemoteEntry[] {
  const { issues } = state;
  const path = `${at}.remote`;
  if (raw === undefined) {
    const all = defaultVersion === 'IPv6' ? ALL_IPV6 : ALL_IPV4;
    return [{ kind: 'cidr', cidr: Cidr.parse(all).cidr, label: all, path }];
  }
  if (typeof raw === 'string') {
    const entry = readRemoteString(raw, path, state, true);
    return entry ? [entry] : [];
  }
  if (Array.isArray(raw)) {
    if (raw.length === 0) issues.add(path, 'must list at least one address or CIDR');
    const entries: RemoteEntry[] = [];
    raw.forEach((item, j) => {
      const entry = readRemoteString(item, `${path}[${j}]`, state, false);
      if (entry) entries.push(entry);
    });
    return entries;
  }
  if (raw !== null && typeof raw === 'object') {
    const obj = raw as Record<string, unknown>;
    const unknown = Object.keys(obj).filter((key) => key !== 'group');
    for (const key of unknown) issues.add(`${path}.${key}`, 'unknown field');
    if (!Object.hasOwn(obj, 'group')) {
      issues.add(`${path}.group`, 'is required: the id of a security group, like sg-…');
      return [];
    }
    const groupId = asId(obj.group, `${path}.group`, issues, 'sg-');
    return groupId && unknown.length === 0 ? [{ kind: 'group', groupId }] : [];
  }
  issues.add(path, 'must be "all-ipv4", "all-ipv6", "my-ip", a list of addresses or CIDRs, or {"group": "sg-…"}');
  return [];
}

function readRemoteString(raw: unknown, path: string, state: CallState, keywords: boolean): RemoteEntry | undefined {
  const { ctx, issues, out } = state;
  // Counted before parsing, and entries past the limit left unparsed, so a huge list costs one issue.
  state.addresses += 1;
  if (state.addresses > ctx.maxAddresses) return undefined;
  if (typeof raw !== 'string') {
    issues.add(path, 'must be an address or CIDR string');
    return undefined;
  }
  if (raw === 'all-ipv4' || raw === 'all-ipv6' || raw === 'my-ip') {
    if (!keywords) {
      issues.add(path, `"${raw}" stands alone as remote; a list holds addresses and CIDRs only`);
      return undefined;
    }
    if (raw === 'my-ip') return readMyIp(path, state);
    return { kind: 'cidr', cidr: Cidr.parse(raw === 'all-ipv4' ? ALL_IPV4 : ALL_IPV6).cidr, label: raw, path };
  }
  const parsed = issues.capture(path, () => Cidr.parse(raw));
  if (!parsed) return undefined;
  if (parsed.hostBitsCleared) out.warnings.push(`${path}: host bits of ${raw} were cleared; using ${parsed.cidr}`);
  return { kind: 'cidr', cidr: parsed.cidr, label: raw, path };
}

function readMyIp(path: string, { ctx, issues }: CallState): RemoteEntry | undefined {
  if (!ctx.callerIp) {
    issues.add(path, 'my-ip: the server does not know your address; give it explicitly');
    return undefined;
  }
  const callerIp = ctx.callerIp;
  const address = issues.capture(path, () => {
    try {
      return parsePeerAddress(callerIp);
    } catch (e) {
      if (e instanceof InvalidValue) throw new InvalidValue(`my-ip: your address as the server sees it is unusable (${e.message})`);
      throw e;
    }
  });
  return address && { kind: 'cidr', cidr: Cidr.forAddress(address), label: `my-ip (${address.address})`, path };
}

/**
 * SSH and RDP open to the whole internet are the classic way machines get taken over; the API
 * allows it (the /v1 contract) but says so, once per rule.
 */
export function adminExposureWarning(spec: RuleSpec, path: string): string | null {
  if (spec.direction !== 'inbound' || spec.remote === null) return null;
  if (spec.remote !== ALL_IPV4 && spec.remote !== ALL_IPV6) return null;
  if (spec.protocol !== 'tcp' && spec.protocol !== 'all') return null;
  const open = ADMIN_PORTS.filter((p) => PortRange.includes(spec.protocol === 'all' ? null : spec.portRange, PRESET_PORTS[p]));
  if (open.length === 0) return null;
  const what = open.map((p) => `${p} (port ${PRESET_PORTS[p]})`).join(' and ');
  return `${path}: ${what} ${open.length > 1 ? 'are' : 'is'} open to ${spec.remote}, the whole internet; allow only trusted addresses`;
}

function parseDirection(v: unknown): Direction {
  if (v === 'inbound' || v === 'outbound') return v;
  throw new InvalidValue('must be inbound or outbound');
}

function parsePreset(v: unknown): PresetName {
  if (typeof v === 'string' && (PRESET_NAMES as string[]).includes(v)) return v as PresetName;
  const match = typeof v === 'string' ? PRESET_NAMES.find((p) => p.toLowerCase() === v.toLowerCase()) : undefined;
  if (match) throw new InvalidValue(`preset names are case-sensitive: write "${match}"`);
  throw new InvalidValue(`must be one of ${PRESET_NAMES.join(', ')}`);
}

function parseIpVersion(v: unknown): IpVersion {
  if (v === 'IPv4' || v === 'IPv6') return v;
  if (typeof v === 'string' && /^ipv[46]$/i.test(v)) throw new InvalidValue(`write "IPv${v.slice(3)}"`);
  throw new InvalidValue('must be IPv4 or IPv6');
}

// Lone surrogates cannot be stored as UTF-8 (Postgres would get U+FFFD back), and control
// characters break consoles and logs; both are refused rather than silently changed.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function parseRuleDescription(v: unknown): string {
  if (typeof v !== 'string') throw new InvalidValue('must be a string');
  if ([...v].length > MAX_DESCRIPTION) throw new InvalidValue(`must be at most ${MAX_DESCRIPTION} characters`);
  if (/\p{Cc}/u.test(v)) throw new InvalidValue('must not contain control characters');
  if (LONE_SURROGATE.test(v)) throw new InvalidValue('must be valid Unicode text');
  return v;
}

function versionOnly(protocol: ProtocolName): string {
  return protocol === 'icmp' ? 'icmp is IPv4 only; use icmpv6 for IPv6' : 'icmpv6 is IPv6 only; use icmp for IPv4';
}

/** A spec as a RULE_INPUT that normalises back to the same spec: for re-validation and tests. */
export function ruleSpecToInput(spec: RuleSpec): Record<string, unknown> {
  const input: Record<string, unknown> = { direction: spec.direction, protocol: spec.protocol };
  if (protocolHasPorts(spec.protocol)) input.ports = PortRange.format(spec.portRange);
  if (spec.icmp) input.icmp = { type: spec.icmp.type, code: spec.icmp.code };
  input.ipVersion = spec.ipVersion;
  input.remote = spec.remoteGroupId ? { group: spec.remoteGroupId } : [spec.remote];
  input.description = spec.description;
  return input;
}

/**
 * Brings a spec from elsewhere (stored events, fixtures, the default rules) to its canonical
 * form; throws ValidationFailed when it is not a valid rule.
 */
export function normalizeRuleSpec(spec: RuleSpec): RuleSpec {
  const issues = new Issues();
  const { rules } = normalizeRuleInputs([ruleSpecToInput(spec)], 'rule', { callerIp: null, maxAddresses: 1 }, issues);
  issues.throwIfAny('Not a valid rule.');
  return rules[0].spec;
}
