import { Cidr } from '../net/cidr';
import { attachmentsOf, GroupView, InstanceView, membersOf } from '../policy/effective-rules';
import { DomainError } from '../shared/domain-error';

/**
 * Invariants of applying a group that reach beyond the group's own events: the VPC's address
 * range and the other groups of each instance. `decideSecurityGroup` checks the instances a
 * command names; these also cover what a CIDR attachment brings in.
 */

/**
 * An applied CIDR (a network segment) must be of the VPC's address family and lie inside its
 * range: an instance's address of that family always does (instances are refused otherwise), so a
 * segment outside it, or of the other family (an IPv6 segment on an IPv4-only VPC), could never
 * match one and is a mistake. A VPC without a range takes any segment.
 */
export function checkCidrsInsideVpc(cidrs: readonly string[], vpcCidr: string | null, path: string): void {
  if (vpcCidr === null) return;
  const range = Cidr.parse(vpcCidr).cidr;
  const issues = cidrs
    .map((c, i) => ({ cidr: Cidr.parse(c).cidr, i }))
    .filter(({ cidr }) => !range.contains(cidr))
    .map(({ cidr, i }) => ({
      path: `${path}[${i}]`,
      message: cidr.version !== range.version ? `${cidr} is ${cidr.version}, the VPC's range ${range} is ${range.version}` : `${cidr} is outside the VPC's range ${range}`,
    }));
  if (issues.length > 0) {
    throw new DomainError('validation-failed', `an applied CIDR must be a segment of the VPC's range ${range}`, issues);
  }
}

/**
 * Refuses a change that would give an instance more groups than the limit, counting groups that
 * reach it through a CIDR as well as those naming it. Only instances the change brings in are
 * checked: one already over the limit (a later registration inside a CIDR) is not this change's doing.
 */
export function checkGroupsPerInstance(
  before: GroupView | null,
  after: GroupView | null,
  otherGroups: readonly GroupView[],
  vpcInstances: readonly InstanceView[],
  limit: number,
): void {
  if (!after) return;
  const wasMember = new Set((before ? membersOf(before, vpcInstances) : []).map((i) => i.id));
  const others = otherGroups.filter((g) => g.id !== after.id);
  const full = membersOf(after, vpcInstances)
    .filter((i) => !wasMember.has(i.id))
    .filter((i) => attachmentsOf(i, others).length >= limit)
    .map((i) => i.id);
  if (full.length > 0) {
    throw new DomainError('quota-exceeded', `an instance has at most ${limit} security groups; ${full.join(', ')} already ${full.length === 1 ? 'has' : 'have'} that many`);
  }
}
