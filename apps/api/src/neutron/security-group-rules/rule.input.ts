import { Cidr, IP_PROTOCOL_NUMBERS, type IpVersion, isIcmpProtocol, protocolHasPorts, protocolIpVersion, protocolNumber, type RuleSpec } from '@sg/domain';
import { badRequest } from '../platform/neutron-error';
import { envelope, isObject, type Json, onlyFields, optionalText, projectOf } from '../platform/neutron-body';

const FIELDS = [
  'security_group_id', 'direction', 'ethertype', 'protocol', 'port_range_min', 'port_range_max', 'remote_ip_prefix',
  'remote_group_id', 'remote_address_group_id', 'description', 'project_id', 'tenant_id',
];

export interface NeutronRuleInput {
  securityGroupId: string;
  spec: RuleSpec;
  project?: string;
}

const invalid = (type: string, message: string) => badRequest(message, type);

/**
 * `{"security_group_rule": {...}}` → the rule's spec, validated as Neutron validates it (the
 * messages are Neutron's: clients match them). The protocol is kept as given (a name in lower case,
 * a number as its decimal text), but IPv6 rules name ICMP `ipv6-icmp` (`58`); ports 1–65535 of a
 * port protocol mean every port; no remote stays no remote.
 */
export function parseRule(body: unknown): NeutronRuleInput {
  return parseRuleItem(envelope(body, 'security_group_rule'));
}

/** `{"security_group_rule": {...}}`, or the bulk `{"security_group_rules": [{...} | {"security_group_rule": {...}}, ...]}`. */
export function parseCreateRules(body: unknown): { bulk: boolean; rules: NeutronRuleInput[] } {
  if (isObject(body) && Array.isArray(body.security_group_rules)) {
    const items = body.security_group_rules.map((item) => (isObject(item) && isObject(item.security_group_rule) ? item.security_group_rule : item));
    if (items.length === 0 || items.some((item) => !isObject(item))) throw badRequest('security_group_rules must be a list of security group rules.');
    return { bulk: true, rules: (items as Json[]).map(parseRuleItem) };
  }
  return { bulk: false, rules: [parseRule(body)] };
}

function parseRuleItem(input: Json): NeutronRuleInput {
  onlyFields(input, FIELDS);
  const securityGroupId = input.security_group_id;
  if (typeof securityGroupId !== 'string' || securityGroupId.length === 0) throw badRequest('Invalid input for security_group_id: a security group id is required.', 'HTTPBadRequest');
  const direction = input.direction;
  if (direction !== 'ingress' && direction !== 'egress') throw badRequest(`Invalid input for direction. Reason: '${String(direction)}' is not in ['ingress', 'egress'].`, 'HTTPBadRequest');
  const ipVersion = parseEthertype(input.ethertype);
  let protocol = parseNeutronProtocol(input.protocol);
  if (ipVersion === 'IPv6' && (protocol === 'icmp' || protocol === 'icmpv6')) protocol = 'ipv6-icmp';
  if (ipVersion === 'IPv6' && protocol === '1') protocol = '58';
  const min = parsePort(input.port_range_min);
  const max = parsePort(input.port_range_max);
  const { portRange, icmp } = parsePorts(protocol, min, max);
  const only = protocolIpVersion(protocol);
  if (only === 'IPv6' && ipVersion === 'IPv4') {
    throw invalid('SecurityGroupRuleInvalidProtocol', `Protocol ${protocol} is supported only for the IPv6 ethertype.`);
  }
  if (only === 'IPv4' && ipVersion === 'IPv6') throw invalid('SecurityGroupRuleInvalidProtocol', `Protocol ${protocol} is not supported for the IPv6 ethertype.`);
  const remoteGroupId = input.remote_group_id ?? null;
  if (remoteGroupId !== null && typeof remoteGroupId !== 'string') throw badRequest('Invalid input for remote_group_id.', 'HTTPBadRequest');
  if (input.remote_address_group_id !== undefined && input.remote_address_group_id !== null) throw badRequest('Remote address groups are not supported.', 'HTTPBadRequest');
  const remote = parseRemotePrefix(input.remote_ip_prefix, ipVersion);
  if (remote !== null && remoteGroupId !== null) throw invalid('SecurityGroupRemoteGroupAndRemoteIpPrefix', 'Only remote_ip_prefix or remote_group_id may be provided.');
  const spec: RuleSpec = {
    direction: direction === 'ingress' ? 'inbound' : 'outbound',
    protocol,
    portRange,
    icmp,
    ipVersion,
    remote,
    remoteGroupId,
    description: optionalText(input, 'description') ?? '',
  };
  return { securityGroupId, spec, project: projectOf(input) };
}

function parseEthertype(v: unknown): IpVersion {
  if (v === undefined || v === null) return 'IPv4';
  if (typeof v === 'string' && v.toLowerCase() === 'ipv4') return 'IPv4';
  if (typeof v === 'string' && v.toLowerCase() === 'ipv6') return 'IPv6';
  throw badRequest(`Invalid input for ethertype. Reason: '${String(v)}' is not in ['IPv4', 'IPv6'].`, 'HTTPBadRequest');
}

const NAMES = Object.keys(IP_PROTOCOL_NUMBERS).filter((n) => n !== 'ip');

function parseNeutronProtocol(v: unknown): string {
  if (v === undefined || v === null) return 'all';
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 255) return String(v);
  if (typeof v === 'string') {
    const lower = v.toLowerCase();
    if (lower === 'any') return 'all';
    if (Object.hasOwn(IP_PROTOCOL_NUMBERS, lower)) return lower;
    if (/^[0-9]{1,3}$/.test(v) && Number(v) <= 255) return String(Number(v));
  }
  throw invalid(
    'SecurityGroupRuleInvalidProtocol',
    `Security group rule protocol ${String(v)} not supported. Only protocol values [None, ${NAMES.join(', ')}] and integer representations [0 to 255] are supported.`,
  );
}

function parsePort(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^-?[0-9]+$/.test(v) ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw invalid('SecurityGroupInvalidPortValue', `Invalid value for port ${String(v)}`);
  return n;
}

function parsePorts(protocol: string, min: number | null, max: number | null): Pick<RuleSpec, 'portRange' | 'icmp'> {
  if (min === null && max === null) return { portRange: null, icmp: null };
  if (protocol === 'all') throw invalid('SecurityGroupProtocolRequiredWithPorts', 'Must also specify protocol if port range is given.');
  if (protocolHasPorts(protocol)) {
    if (min === 0 || max === 0) throw invalid('SecurityGroupInvalidPortValue', 'Invalid value for port 0');
    if (min === null || max === null || min > max) throw invalid('SecurityGroupInvalidPortRange', 'For TCP/UDP protocols, port_range_min must be <= port_range_max');
    return { portRange: min === 1 && max === 65535 ? null : { from: min, to: max }, icmp: null };
  }
  if (isIcmpProtocol(protocol)) {
    if (min !== null && min > 255) throw invalid('SecurityGroupInvalidIcmpValue', `Invalid value for ICMP type (port_range_min) ${min}. It must be 0 to 255.`);
    if (max !== null && max > 255) throw invalid('SecurityGroupInvalidIcmpValue', `Invalid value for ICMP code (port_range_max) ${max}. It must be 0 to 255.`);
    if (min === null) throw invalid('SecurityGroupMissingIcmpType', `ICMP code (port-range-max) ${max} is provided but ICMP type (port-range-min) is missing.`);
    return { portRange: null, icmp: { type: min, code: max } };
  }
  throw invalid('SecurityGroupInvalidProtocolForPort', `Invalid protocol ${protocol} for port range, only supported for TCP, UDP, UDPLITE, SCTP, DCCP and ICMP protocols (number ${protocolNumber(protocol)}).`);
}

function parseRemotePrefix(v: unknown, ipVersion: IpVersion): string | null {
  if (v === undefined || v === null) return null;
  let cidr: Cidr;
  try {
    if (typeof v !== 'string') throw new Error('not a string');
    cidr = Cidr.parse(v).cidr;
  } catch {
    throw badRequest(`Invalid input for remote_ip_prefix. Reason: '${String(v)}' is not a valid IP subnet.`, 'HTTPBadRequest');
  }
  if (cidr.version !== ipVersion) throw invalid('SecurityGroupRuleParameterConflict', `Conflicting value ethertype ${ipVersion} for CIDR ${v}`);
  return cidr.toString();
}

