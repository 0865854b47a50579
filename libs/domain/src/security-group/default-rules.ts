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
