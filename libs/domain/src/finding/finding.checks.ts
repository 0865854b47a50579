import { Cidr } from '../net/cidr';
import { protocolHasPorts, protocolNumber } from '../net/protocol';
import { remoteCidr, type RuleSpec } from '../rule/rule';

/**
 * Findings: what is risky about the security groups as they stand, after AWS Config's managed
 * rules for security groups (restricted-ssh, restricted-common-ports, vpc-sg-open-only-to-
 * authorized-ports, ec2-security-group-attached-to-eni, vpc-default-security-group-closed).
 * Pure: each check reads one group (with its VPC's range) or one instance (with the groups that
 * apply to it) and says what it finds; the findings projection runs them after every event, so
 * a finding has the moment it started and the one it ended.
 */
export const FINDING_CHECKS = [
  'ssh-open-to-world',
  'rdp-open-to-world',
  'port-range-open-to-world',
  'group-unattached',
  'instance-default-group-only',
  'remote-overlaps-vpc',
] as const;
export type FindingCheck = (typeof FINDING_CHECKS)[number];
export type FindingSeverity = 'high' | 'medium' | 'low';

export const FINDING_SEVERITY: Readonly<Record<FindingCheck, FindingSeverity>> = {
  'ssh-open-to-world': 'high',
  'rdp-open-to-world': 'high',
  'port-range-open-to-world': 'medium',
  'remote-overlaps-vpc': 'medium',
  'group-unattached': 'low',
  'instance-default-group-only': 'low',
};

export function isFindingCheck(value: unknown): value is FindingCheck {
  return typeof value === 'string' && (FINDING_CHECKS as readonly string[]).includes(value);
}

/** One finding as a check sees it: what, how bad, on which resource, and why. */
export interface DetectedFinding {
  check: FindingCheck;
  severity: FindingSeverity;
  resource: { type: 'security-group' | 'instance'; id: string };
  /** The group the finding is about (for an instance: the default group it has only). */
  groupId: string;
  instanceId: string | null;
  details: Record<string, unknown>;
}

/** What a group check reads: the group as it stands, rules and all. */
export interface FindingGroupView {
  id: string;
  isDefault: boolean;
  rules: readonly (Pick<RuleSpec, 'direction' | 'protocol' | 'portRange' | 'ipVersion' | 'remote' | 'remoteGroupId'> & { id: string })[];
  appliedTo: { instanceIds: readonly string[]; cidrs: readonly string[] };
}

type CheckedRule = FindingGroupView['rules'][number];

const SSH_PORT = 22;
const RDP_PORT = 3389;
const TCP = 6;

/** A rule that lets anyone in: inbound, from every address of its IP version (0.0.0.0/0, ::/0). */
export function isOpenToWorld(rule: CheckedRule): boolean {
  return rule.direction === 'inbound' && rule.remoteGroupId === null && Cidr.parse(remoteCidr(rule)).cidr.isAll();
}

/** Whether the rule admits TCP to this port (all protocols, or TCP with no range or a range holding it). */
function admitsTcpPort(rule: CheckedRule, port: number): boolean {
  if (rule.protocol === 'all') return true;
  if (protocolNumber(rule.protocol) !== TCP) return false;
  return rule.portRange === null || (rule.portRange.from <= port && port <= rule.portRange.to);
}

/** More than one port: every protocol, or a protocol with ports (TCP, UDP, ...) over all of them or a range. */
function opensPortRange(rule: CheckedRule): boolean {
  if (rule.protocol === 'all') return true;
  if (!protocolHasPorts(rule.protocol)) return false;
  return rule.portRange === null || rule.portRange.from < rule.portRange.to;
}

function ruleSummary(rule: CheckedRule) {
  return { ruleId: rule.id, protocol: rule.protocol, ports: rule.portRange ? (rule.portRange.from === rule.portRange.to ? `${rule.portRange.from}` : `${rule.portRange.from}-${rule.portRange.to}`) : null, remote: remoteCidr(rule) };
}

/**
 * The group's findings; `vpcCidr` is its VPC's range (null: the VPC has none). At most one
 * finding per check: it lists every rule that calls for it.
 */
export function groupFindings(group: FindingGroupView, vpcCidr: string | null, checks: ReadonlySet<FindingCheck>): DetectedFinding[] {
  const found: DetectedFinding[] = [];
  const add = (check: FindingCheck, details: Record<string, unknown>) => {
    if (checks.has(check)) found.push({ check, severity: FINDING_SEVERITY[check], resource: { type: 'security-group', id: group.id }, groupId: group.id, instanceId: null, details });
  };
  const open = group.rules.filter(isOpenToWorld);
  const byRules = (check: FindingCheck, rules: readonly CheckedRule[]) => {
    if (rules.length > 0) add(check, { rules: rules.map(ruleSummary) });
  };
  byRules('ssh-open-to-world', open.filter((r) => admitsTcpPort(r, SSH_PORT)));
  byRules('rdp-open-to-world', open.filter((r) => admitsTcpPort(r, RDP_PORT)));
  byRules('port-range-open-to-world', open.filter(opensPortRange));
  if (!group.isDefault && group.appliedTo.instanceIds.length === 0 && group.appliedTo.cidrs.length === 0) add('group-unattached', {});
  if (vpcCidr !== null) {
    const vpc = Cidr.parse(vpcCidr).cidr;
    byRules('remote-overlaps-vpc', group.rules.filter((r) => overlapsFromOutside(r, vpc)));
  }
  return found;
}

/**
 * A remote range that reaches into the VPC's range from outside it: it overlaps the VPC's range
 * without lying inside it (two CIDRs either nest or miss each other, so it holds the whole VPC and
 * more: 10.0.0.0/8 for a VPC of 10.0.0.0/16), so a rule meant for the VPC's own addresses also
 * admits others. The whole world is left to the open-to-world checks.
 */
function overlapsFromOutside(rule: CheckedRule, vpc: Cidr): boolean {
  if (rule.remoteGroupId !== null) return false;
  const remote = Cidr.parse(remoteCidr(rule)).cidr;
  return !remote.isAll() && remote.overlaps(vpc) && !vpc.contains(remote);
}

/**
 * The instance's finding: every group that applies to it (directly or through a CIDR) is the
 * VPC's default group, which is shared by everything in the VPC, so its traffic is not set for it.
 */
export function instanceFindings(instanceId: string, groupIds: readonly string[], defaultGroupId: string | null, checks: ReadonlySet<FindingCheck>): DetectedFinding[] {
  const check: FindingCheck = 'instance-default-group-only';
  if (!checks.has(check) || defaultGroupId === null) return [];
  const distinct = new Set(groupIds);
  if (distinct.size !== 1 || !distinct.has(defaultGroupId)) return [];
  return [{ check, severity: FINDING_SEVERITY[check], resource: { type: 'instance', id: instanceId }, groupId: defaultGroupId, instanceId, details: {} }];
}

/** The identity of a finding while it is open: one per check and resource. */
export function findingKey(f: Pick<DetectedFinding, 'check' | 'resource'>): string {
  return `${f.check}|${f.resource.id}`;
}

/** What changed between two evaluations of the same resource: findings that began, and keys of those that ended. */
export function findingChanges(before: readonly Pick<DetectedFinding, 'check' | 'resource'>[], after: readonly DetectedFinding[]): { opened: DetectedFinding[]; closed: string[] } {
  const was = new Set(before.map(findingKey));
  const now = new Set(after.map(findingKey));
  return { opened: after.filter((f) => !was.has(findingKey(f))), closed: [...was].filter((k) => !now.has(k)) };
}
