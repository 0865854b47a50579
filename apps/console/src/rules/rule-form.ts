import { Cidr } from '../../../../libs/domain/src/net/cidr';
import { PortRange } from '../../../../libs/domain/src/net/port-range';
import type { Direction, Rule, RuleInput } from '../api/types';

// The rule editor's rows and what they send. Ports and addresses are checked as the user types by
// the very parsers the API runs on them (libs/domain's value objects), so the messages are the
// API's own; anything else the API refuses comes back in its problem's errors[].

export type ProtocolChoice = 'tcp' | 'udp' | 'icmp' | 'all';
export type PortMode = 'all' | 'custom';
export type RemoteMode = 'all-ipv4' | 'my-ip' | 'custom';

export interface RuleRow {
  key: string;
  direction: Direction;
  protocol: ProtocolChoice;
  portMode: PortMode;
  ports: string;
  remoteMode: RemoteMode;
  /** One or more addresses or CIDRs, separated by commas, spaces or new lines. */
  custom: string;
  description: string;
}

export const QUICK_PORTS = [
  { name: 'SSH', port: 22 },
  { name: 'RDP', port: 3389 },
  { name: 'MySQL', port: 3306 },
  { name: 'HTTP', port: 80 },
  { name: 'HTTPS', port: 443 },
] as const;

export const PROTOCOLS: { value: ProtocolChoice; label: string }[] = [
  { value: 'tcp', label: 'TCP' },
  { value: 'udp', label: 'UDP' },
  { value: 'icmp', label: 'ICMP' },
  { value: 'all', label: 'All traffic' },
];

let counter = 0;

export function newRow(direction: Direction): RuleRow {
  counter += 1;
  return { key: `row-${counter}`, direction, protocol: 'tcp', portMode: 'custom', ports: '', remoteMode: 'all-ipv4', custom: '', description: '' };
}

export const hasPorts = (row: RuleRow): boolean => row.protocol === 'tcp' || row.protocol === 'udp';

export function addressesOf(text: string): string[] {
  return text.split(/[\s,]+/).filter((a) => a !== '');
}

export interface RowIssues {
  ports?: string;
  /** One message per bad address, naming it. */
  custom?: string[];
  description?: string;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What is wrong with a row, in the API's words; empty when it can be sent. */
export function checkRow(row: RuleRow): RowIssues {
  const issues: RowIssues = {};
  if (hasPorts(row) && row.portMode === 'custom') {
    try {
      PortRange.parse(row.ports.trim());
    } catch (error) {
      issues.ports = message(error);
    }
  }
  if (row.remoteMode === 'custom') {
    const addresses = addressesOf(row.custom);
    const bad: string[] = [];
    for (const address of addresses) {
      try {
        Cidr.parse(address);
      } catch (error) {
        bad.push(message(error));
      }
    }
    if (addresses.length === 0) bad.push('Enter one or more IP addresses or CIDR ranges, like 203.0.113.7 or 198.51.100.0/24.');
    if (bad.length > 0) issues.custom = bad;
  }
  if (row.description.length > 255) issues.description = 'must be at most 255 characters';
  return issues;
}

export const isValid = (row: RuleRow): boolean => Object.keys(checkRow(row)).length === 0;

/** The rule as the API takes it (RULE_INPUT). */
export function toInput(row: RuleRow): RuleInput {
  const input: RuleInput = { direction: row.direction, protocol: row.protocol };
  if (hasPorts(row) && row.portMode === 'custom') input.ports = row.ports.trim();
  input.remote = row.remoteMode === 'custom' ? addressesOf(row.custom) : row.remoteMode;
  if (row.description.trim()) input.description = row.description.trim();
  return input;
}

function opens(row: RuleRow, port: number): boolean {
  if (row.protocol === 'all') return true;
  if (row.protocol !== 'tcp') return false;
  if (row.portMode === 'all') return true;
  try {
    const span = PortRange.parse(row.ports.trim());
    return span === null || (span.from <= port && port <= span.to);
  } catch {
    return false;
  }
}

/**
 * The user guide's recommendation when an inbound rule opens SSH (or RDP) to All IPv4: the same
 * case in which the API answers with a warning.
 */
export function recommendation(row: RuleRow): string | null {
  if (row.direction !== 'inbound' || row.remoteMode !== 'all-ipv4') return null;
  const service = opens(row, 22) ? 'SSH' : opens(row, 3389) ? 'RDP' : null;
  if (!service) return null;
  return `To enhance security when enabling ${service} access, please allow only trusted IP addresses and avoid using “All IPv4” (0.0.0.0/0).`;
}

/** How a rule's ports read in a table: "22", "8000-8080", "All". */
export function portsText(rule: Rule): string {
  if (!rule.portRange) return 'All';
  const { from, to } = rule.portRange;
  return from === to ? String(from) : `${from}-${to}`;
}

/** How a rule's remote reads: "All" for 0.0.0.0/0 and ::/0, as the guide's table shows it. */
export function remoteText(rule: Rule, groupName?: (id: string) => string): string {
  if (rule.remoteGroupId) return `Group ${groupName ? groupName(rule.remoteGroupId) : rule.remoteGroupId}`;
  if (rule.remote === '0.0.0.0/0' || rule.remote === '::/0') return 'All';
  return rule.remote ?? '—';
}
