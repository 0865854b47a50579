import { RuleSpec } from '../rule/rule';

/**
 * The default group's rules, as the contract lists them: outbound only, so all inbound is
 * blocked. The first four are the platform's service rules (DHCPv6, metadata, DHCP, metadata over
 * IPv6); the last two make "allows all outbound traffic" true. Nobody can change them.
 */
export const DEFAULT_GROUP_RULES: readonly RuleSpec[] = [
  outbound('udp', 547, 'IPv6', 'ff02::1:2/128'),
  outbound('tcp', 80, 'IPv4', '169.254.169.254/32'),
  outbound('udp', 67, 'IPv4', '0.0.0.0/0'),
  outbound('tcp', 80, 'IPv6', 'fe80::a9fe:a9fe/128'),
  outbound('all', null, 'IPv4', '0.0.0.0/0'),
  outbound('all', null, 'IPv6', '::/0'),
];

export const DEFAULT_GROUP_NAME = 'default';

/**
 * Neutron's default group of a project: traffic from its own members (IPv4 and IPv6) and
 * everything outbound. Members may add and remove rules.
 */
export function neutronDefaultGroupRules(groupId: string): RuleSpec[] {
  return [
    { ...anyProtocol('inbound', 'IPv4'), remoteGroupId: groupId },
    { ...anyProtocol('inbound', 'IPv6'), remoteGroupId: groupId },
    ...NEUTRON_NEW_GROUP_RULES,
  ];
}

/** What every new Neutron group starts with: egress to anywhere, IPv4 and IPv6, no remote named. */
export const NEUTRON_NEW_GROUP_RULES: readonly RuleSpec[] = [anyProtocol('outbound', 'IPv4'), anyProtocol('outbound', 'IPv6')];

function anyProtocol(direction: RuleSpec['direction'], ipVersion: RuleSpec['ipVersion']): RuleSpec {
  return { direction, protocol: 'all', portRange: null, icmp: null, ipVersion, remote: null, remoteGroupId: null, description: '' };
}

function outbound(protocol: RuleSpec['protocol'], port: number | null, ipVersion: RuleSpec['ipVersion'], remote: string): RuleSpec {
  return {
    direction: 'outbound',
    protocol,
    portRange: port === null ? null : { from: port, to: port },
    icmp: null,
    ipVersion,
    remote,
    remoteGroupId: null,
    description: '',
  };
}
