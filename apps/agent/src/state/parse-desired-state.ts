import {
  Cidr,
  Direction,
  IcmpMatch,
  InvalidValue,
  IpVersion,
  isIcmpProtocol,
  Issues,
  MAX_PORT,
  MIN_PORT,
  parseAddress,
  parseIcmp,
  parseName,
  parseProtocol,
  PortSpan,
  protocolHasPorts,
  protocolIpVersion,
} from '@sg/domain';
import { DesiredState, StateGroup, StatePort, StateRemoteGroup, StateRule } from './desired-state';
import { at, JsonReader } from './json-reader';

const STATE_FIELDS = ['hypervisorId', 'revision', 'force', 'ports', 'remoteGroups'];
const REMOTE_GROUP_FIELDS = ['groupId', 'ipv4', 'ipv6'];
const PORT_FIELDS = ['instanceId', 'vpcId', 'ipv4', 'ipv6', 'groups'];
const GROUP_FIELDS = ['groupId', 'name', 'rules'];
const RULE_FIELDS = ['id', 'direction', 'protocol', 'portRange', 'icmp', 'ipVersion', 'remoteCidrs', 'remoteGroupId'];
const DIRECTIONS: readonly Direction[] = ['inbound', 'outbound'];
const IP_VERSIONS: readonly IpVersion[] = ['IPv4', 'IPv6'];
// The API's id shape: opaque, but bounded, so junk and huge strings never reach a driver.
const ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Reads the body of `PUT /v1/state` strictly: the worker builds it from normalised domain data, so
 * anything off (an unknown field, a CIDR with host bits, ports on ICMP) is a bug to surface rather
 * than to guess around. Throws ValidationFailed listing every bad field.
 */
export function parseDesiredState(body: unknown): DesiredState {
  const issues = new Issues();
  const state = readState(new JsonReader(issues), body);
  issues.throwIfAny('The body is not a valid desired state.');
  return state!;
}

function readState(r: JsonReader, body: unknown): DesiredState | undefined {
  const b = r.object(body, '', STATE_FIELDS, ['force', 'remoteGroups']);
  if (!b) return undefined;
  const hypervisorId = readId(r, b.hypervisorId, 'hypervisorId');
  const revision = r.parse('revision', () => {
    if (typeof b.revision !== 'number' || !Number.isSafeInteger(b.revision) || b.revision < 1) throw new InvalidValue('must be a whole number ≥ 1');
    return b.revision;
  });
  const force = b.force === undefined ? false : r.parse('force', () => {
    if (typeof b.force !== 'boolean') throw new InvalidValue('must be true or false');
    return b.force;
  });
  const remoteGroups = b.remoteGroups === undefined ? [] : r.array(b.remoteGroups, 'remoteGroups')?.map((g, i) => readRemoteGroup(r, g, at('remoteGroups', i)));
  if (remoteGroups) rejectRepeats(r, remoteGroups, (g) => g?.groupId, (i) => at(at('remoteGroups', i), 'groupId'));
  const listed = new Set((remoteGroups ?? []).map((g) => g?.groupId));
  const ports = r.array(b.ports, 'ports')?.map((p, i) => readPort(r, p, at('ports', i), listed));
  if (ports) rejectRepeats(r, ports, (p) => p?.instanceId, (i) => at(at('ports', i), 'instanceId'));
  return { hypervisorId: hypervisorId!, revision: revision!, force: force!, ports: ports as StatePort[], remoteGroups: (remoteGroups ?? []) as StateRemoteGroup[] };
}

/** A remote group's members, once per state: host prefixes of each version, canonical, no repeats. */
function readRemoteGroup(r: JsonReader, input: unknown, path: string): StateRemoteGroup | undefined {
  const g = r.object(input, path, REMOTE_GROUP_FIELDS);
  if (!g) return undefined;
  const members = (version: IpVersion, field: 'ipv4' | 'ipv6') => {
    const list = r.array(g[field], at(path, field))?.map((c, i) => readCidr(r, c, at(at(path, field), i), version, true));
    if (list) rejectRepeats(r, list, (c) => c, (i) => at(at(path, field), i));
    return (list ?? []) as string[];
  };
  return { groupId: readId(r, g.groupId, at(path, 'groupId'))!, ipv4: members('IPv4', 'ipv4'), ipv6: members('IPv6', 'ipv6') };
}

/**
 * The state as the drivers take it: each rule naming a listed remote group gets that group's
 * members of its IP version (one array shared by every such rule, so memory stays one copy).
 */
export function resolveRemoteGroups(state: DesiredState): DesiredState {
  const sets = new Map((state.remoteGroups ?? []).map((g) => [g.groupId, g]));
  if (sets.size === 0) return state;
  return {
    ...state,
    ports: state.ports.map((port) => ({
      ...port,
      groups: port.groups.map((group) => ({
        ...group,
        rules: group.rules.map((rule) => {
          const set = rule.remoteGroupId === null ? undefined : sets.get(rule.remoteGroupId);
          return set ? { ...rule, remoteCidrs: rule.ipVersion === 'IPv4' ? set.ipv4 : set.ipv6 } : rule;
        }),
      })),
    })),
  };
}

function readPort(r: JsonReader, input: unknown, path: string, listed: ReadonlySet<string | undefined>): StatePort | undefined {
  const p = r.object(input, path, PORT_FIELDS);
  if (!p) return undefined;
  const groups = r.array(p.groups, at(path, 'groups'))?.map((g, i) => readGroup(r, g, at(at(path, 'groups'), i), listed));
  if (groups) rejectRepeats(r, groups, (g) => g?.groupId, (i) => at(at(at(path, 'groups'), i), 'groupId'));
  return {
    instanceId: readId(r, p.instanceId, at(path, 'instanceId'))!,
    vpcId: readId(r, p.vpcId, at(path, 'vpcId'))!,
    ipv4: readAddress(r, p.ipv4, at(path, 'ipv4'), 'IPv4'),
    ipv6: readAddress(r, p.ipv6, at(path, 'ipv6'), 'IPv6'),
    groups: groups as StateGroup[],
  };
}

function readGroup(r: JsonReader, input: unknown, path: string, listed: ReadonlySet<string | undefined>): StateGroup | undefined {
  const g = r.object(input, path, GROUP_FIELDS);
  if (!g) return undefined;
  const rules = r.array(g.rules, at(path, 'rules'))?.map((x, i) => readRule(r, x, at(at(path, 'rules'), i), listed));
  if (rules) rejectRepeats(r, rules, (x) => x?.id, (i) => at(at(at(path, 'rules'), i), 'id'));
  return { groupId: readId(r, g.groupId, at(path, 'groupId'))!, name: r.parse(at(path, 'name'), () => parseName(g.name))!, rules: rules as StateRule[] };
}

function readRule(r: JsonReader, input: unknown, path: string, listed: ReadonlySet<string | undefined>): StateRule | undefined {
  const x = r.object(input, path, RULE_FIELDS);
  if (!x) return undefined;
  const protocol = r.parse(at(path, 'protocol'), () => parseProtocol(x.protocol));
  const ipVersion = r.oneOf(x.ipVersion, at(path, 'ipVersion'), IP_VERSIONS);
  if (protocol && ipVersion) {
    const only = protocolIpVersion(protocol);
    if (only && only !== ipVersion) r.report(at(path, 'ipVersion'), `must be ${only} for ${protocol}`);
  }
  const portRange = x.portRange === null ? null : r.parse(at(path, 'portRange'), () => readPortRange(x.portRange));
  if (portRange && protocol && !protocolHasPorts(protocol)) r.report(at(path, 'portRange'), `must be null for ${protocol}: only tcp, udp, dccp, sctp and udplite have ports`);
  const icmp = x.icmp === null ? null : r.parse<IcmpMatch>(at(path, 'icmp'), () => parseIcmp(x.icmp));
  if (icmp && protocol && !isIcmpProtocol(protocol)) r.report(at(path, 'icmp'), `must be null for ${protocol}`);
  const remoteGroupId = x.remoteGroupId === null ? null : readId(r, x.remoteGroupId, at(path, 'remoteGroupId'));
  const members = x.remoteGroupId !== null && x.remoteGroupId !== undefined;
  const remoteCidrs = r.array(x.remoteCidrs, at(path, 'remoteCidrs'))?.map((c, i) => readCidr(r, c, at(at(path, 'remoteCidrs'), i), ipVersion, members));
  // A rule naming a listed remote group refers to its set: addresses of its own would be a second truth.
  if (members && listed.has(remoteGroupId ?? undefined) && remoteCidrs && remoteCidrs.length > 0) {
    r.report(at(path, 'remoteCidrs'), `must be empty: the members of ${remoteGroupId} are in remoteGroups`);
  }
  return {
    id: readId(r, x.id, at(path, 'id'))!,
    direction: r.oneOf(x.direction, at(path, 'direction'), DIRECTIONS)!,
    protocol: protocol!,
    portRange: portRange ?? null,
    icmp: icmp ?? null,
    ipVersion: ipVersion!,
    remoteCidrs: remoteCidrs as string[],
    remoteGroupId: remoteGroupId as string | null,
  };
}

function readPortRange(input: unknown): PortSpan {
  const keys = input !== null && typeof input === 'object' && !Array.isArray(input) ? Object.keys(input).sort().join(',') : '';
  const { from, to } = (input ?? {}) as Record<string, unknown>;
  const port = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= MIN_PORT && v <= MAX_PORT;
  if (keys !== 'from,to' || !port(from) || !port(to)) throw new InvalidValue(`must be null or {"from", "to"} with ports ${MIN_PORT}–${MAX_PORT}`);
  if ((from as number) > (to as number)) throw new InvalidValue(`starts at ${from}, after its end ${to}`);
  return { from: from as number, to: to as number };
}

/** Canonical text only: a set built from `10.0.0.1/24` would not mean what its author thought. */
function readCidr(r: JsonReader, input: unknown, path: string, ipVersion: IpVersion | undefined, member: boolean): string | undefined {
  return r.parse(path, () => {
    const { cidr } = Cidr.parse(input as string);
    if (cidr.toString() !== input) throw new InvalidValue(`must be canonical: ${cidr.toString()}`);
    if (ipVersion && cidr.version !== ipVersion) throw new InvalidValue(`is ${cidr.version} in an ${ipVersion} rule`);
    // A remote group's members are hosts: the agent keeps them in a set of addresses.
    if (member && cidr.prefixLength !== cidr.bits) throw new InvalidValue(`must be a host prefix (/${cidr.bits}): the members of a remote group are addresses`);
    return cidr.toString();
  });
}

function readAddress(r: JsonReader, input: unknown, path: string, version: IpVersion): string | null {
  if (input === null) return null;
  return (
    r.parse(path, () => {
      const address = parseAddress(input as string);
      if (address.version !== version) throw new InvalidValue(`must be an ${version} address or null`);
      if (address.address !== input) throw new InvalidValue(`must be canonical: ${address.address}`);
      return address.address;
    }) ?? null
  );
}

function readId(r: JsonReader, input: unknown, path: string): string | undefined {
  if (typeof input === 'string' && ID.test(input)) return input;
  r.report(path, 'must be an id (letters, digits, . _ : -, at most 128 characters)');
  return undefined;
}

/** Two entries for one port, group or rule would make the state mean two things at once. */
function rejectRepeats<T>(r: JsonReader, items: readonly T[], key: (item: T) => string | undefined, path: (i: number) => string): void {
  const first = new Map<string, number>();
  items.forEach((item, i) => {
    const k = key(item);
    if (k === undefined) return;
    const seen = first.get(k);
    if (seen === undefined) first.set(k, i);
    else r.report(path(i), `repeats ${JSON.stringify(k)} (first at index ${seen})`);
  });
}
