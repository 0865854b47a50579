import { Rule } from '../rule/rule';
import { assertNever } from '../shared/assert-never';
import { Tags } from '../shared/tags';
import { SecurityGroupEvent, SecurityGroupEventTypes as T } from './security-group.events';

export interface AppliedTo {
  instanceIds: string[];
  cidrs: string[];
}

/**
 * Whose rules a group follows. `product`: the guide's (names unique in the VPC, the default group's
 * six egress rules immutable, a group is deleted once its rules are). `neutron`: OpenStack
 * Neutron's, for the groups of a project's VPC (names need not be unique, a new group starts with
 * egress to anywhere, the default group admits its own members and its rules may change, deleting a
 * group deletes its rules).
 */
export type GroupConventions = 'product' | 'neutron';

export interface SecurityGroup {
  id: string;
  vpcId: string;
  tenant: string;
  name: string;
  description: string;
  tags: Tags;
  isDefault: boolean;
  conventions: GroupConventions;
  rules: Rule[];
  appliedTo: AppliedTo;
  createdAt: string;
  updatedAt: string;
}

export type SecurityGroupState =
  | { status: 'absent' }
  | { status: 'active'; group: SecurityGroup }
  | { status: 'deleted'; group: SecurityGroup };

export const initialSecurityGroupState = (): SecurityGroupState => ({ status: 'absent' });

export function evolveSecurityGroup(state: SecurityGroupState, event: SecurityGroupEvent): SecurityGroupState {
  if (event.type === T.Created) {
    const d = event.data;
    return {
      status: 'active',
      group: {
        id: d.groupId,
        vpcId: d.vpcId,
        tenant: d.tenant,
        name: d.name,
        description: d.description,
        tags: { ...d.tags },
        isDefault: d.isDefault,
        conventions: d.conventions ?? 'product',
        rules: [],
        appliedTo: { instanceIds: [], cidrs: [] },
        createdAt: d.at,
        updatedAt: d.at,
      },
    };
  }
  if (state.status !== 'active') return state;
  const g = state.group;
  const next = (patch: Partial<SecurityGroup>): SecurityGroupState => ({
    status: 'active',
    group: { ...g, ...patch, updatedAt: event.data.at },
  });
  switch (event.type) {
    case T.Updated: {
      const { name, description, tags } = event.data;
      return next({
        ...(name !== undefined && { name }),
        ...(description !== undefined && { description }),
        ...(tags !== undefined && { tags: { ...tags } }),
      });
    }
    case T.RulesAdded:
      return next({ rules: [...g.rules, ...event.data.rules] });
    case T.RulesRemoved: {
      const gone = new Set(event.data.ruleIds);
      return next({ rules: g.rules.filter((r) => !gone.has(r.id)) });
    }
    case T.RulesReplaced: {
      const gone = new Set(event.data.removedRuleIds);
      return next({ rules: [...g.rules.filter((r) => !gone.has(r.id)), ...event.data.added] });
    }
    case T.AppliedToChanged: {
      const d = event.data;
      return next({
        appliedTo: {
          instanceIds: applyDiff(g.appliedTo.instanceIds, d.instanceIdsAdded, d.instanceIdsRemoved),
          cidrs: applyDiff(g.appliedTo.cidrs, d.cidrsAdded, d.cidrsRemoved),
        },
      });
    }
    case T.Deleted:
      return { status: 'deleted', group: { ...g, appliedTo: { instanceIds: [], cidrs: [] }, updatedAt: event.data.at } };
    default:
      return assertNever(event);
  }
}

export function rebuildSecurityGroup(events: readonly SecurityGroupEvent[]): SecurityGroupState {
  return events.reduce(evolveSecurityGroup, initialSecurityGroupState());
}

function applyDiff(list: string[], added: string[], removed: string[]): string[] {
  const gone = new Set(removed);
  const kept = list.filter((x) => !gone.has(x));
  return [...kept, ...added.filter((x) => !kept.includes(x))];
}
