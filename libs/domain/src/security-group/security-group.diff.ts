import type { Rule } from '../rule/rule';
import type { SecurityGroup, SecurityGroupState } from './security-group.state';

export interface ValueChange<T> {
  from: T;
  to: T;
}

/** What one event changed in a group, read off the states before and after it. Empty parts are left out. */
export interface SecurityGroupDiff {
  created?: true;
  deleted?: true;
  name?: ValueChange<string>;
  description?: ValueChange<string>;
  /** Tags set (new key, or a new value for a key) and removed (their old values). */
  tags?: { set: Record<string, string>; removed: Record<string, string> };
  rulesAdded?: Rule[];
  rulesRemoved?: Rule[];
  instancesAttached?: string[];
  instancesDetached?: string[];
  cidrsAdded?: string[];
  cidrsRemoved?: string[];
}

/**
 * The readable difference between a group's states before and after one of its events: rules by
 * id (a replaced rule is one removed and one added), the instances and CIDRs it applies to, its
 * name, description and tags. Pure: the same two states always give the same diff.
 */
export function diffSecurityGroup(before: SecurityGroupState, after: SecurityGroupState): SecurityGroupDiff {
  const diff: SecurityGroupDiff = {};
  const a = groupOf(before);
  const b = groupOf(after);
  if (before.status === 'absent' && after.status !== 'absent') diff.created = true;
  if (before.status !== 'deleted' && after.status === 'deleted') diff.deleted = true;
  if (a && b && a.name !== b.name) diff.name = { from: a.name, to: b.name };
  if (a && b && a.description !== b.description) diff.description = { from: a.description, to: b.description };
  const tagsBefore = a?.tags ?? {};
  const tagsAfter = b?.tags ?? {};
  const set = Object.fromEntries(Object.entries(tagsAfter).filter(([k, v]) => tagsBefore[k] !== v));
  const removed = Object.fromEntries(Object.entries(tagsBefore).filter(([k]) => !(k in tagsAfter)));
  if (Object.keys(set).length > 0 || Object.keys(removed).length > 0) diff.tags = { set, removed };
  const rulesBefore = new Map((a?.rules ?? []).map((r) => [r.id, r]));
  const rulesAfter = new Map((b?.rules ?? []).map((r) => [r.id, r]));
  const added = [...rulesAfter.values()].filter((r) => !rulesBefore.has(r.id));
  const gone = [...rulesBefore.values()].filter((r) => !rulesAfter.has(r.id));
  if (added.length > 0) diff.rulesAdded = added;
  if (gone.length > 0) diff.rulesRemoved = gone;
  setDiff(a?.appliedTo.instanceIds ?? [], b?.appliedTo.instanceIds ?? [], (x) => (diff.instancesAttached = x), (x) => (diff.instancesDetached = x));
  setDiff(a?.appliedTo.cidrs ?? [], b?.appliedTo.cidrs ?? [], (x) => (diff.cidrsAdded = x), (x) => (diff.cidrsRemoved = x));
  return diff;
}

function groupOf(state: SecurityGroupState): SecurityGroup | undefined {
  // A deleted group keeps its last state, but nothing of it applies any more: diff against nothing.
  return state.status === 'active' ? state.group : undefined;
}

function setDiff(before: readonly string[], after: readonly string[], onAdded: (x: string[]) => void, onRemoved: (x: string[]) => void): void {
  const was = new Set(before);
  const is = new Set(after);
  const added = after.filter((x) => !was.has(x));
  const removed = before.filter((x) => !is.has(x));
  if (added.length > 0) onAdded(added);
  if (removed.length > 0) onRemoved(removed);
}
