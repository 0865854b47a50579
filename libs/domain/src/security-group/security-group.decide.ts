import { NormalizedRule, Rule, RuleSpec, ruleKey } from '../rule/rule';
import { ruleSpecProblem } from '../rule/rule-spec';
import { assertNever } from '../shared/assert-never';
import { DomainError, FieldIssue } from '../shared/domain-error';
import {
  AddRules,
  ChangeAppliedTo,
  CommandContext,
  CreateSecurityGroup,
  DeleteSecurityGroup,
  InstanceFacts,
  ReplaceRules,
  SecurityGroupCommand,
  UpdateSecurityGroup,
} from './security-group.commands';
import { SecurityGroupEvent, SecurityGroupEventTypes as T } from './security-group.events';
import { SecurityGroup, SecurityGroupState } from './security-group.state';
import { DEFAULT_GROUP_NAME, DEFAULT_GROUP_RULES, NEUTRON_NEW_GROUP_RULES, neutronDefaultGroupRules } from './default-rules';

/** Decides what a command makes happen to a security group, or refuses it with a DomainError. */
export function decideSecurityGroup(
  command: SecurityGroupCommand,
  state: SecurityGroupState,
  ctx: CommandContext,
): SecurityGroupEvent[] {
  switch (command.type) {
    case 'CreateSecurityGroup':
      return create(command, state, ctx);
    case 'CreateDefaultSecurityGroup': {
      if (state.status !== 'absent') throw new DomainError('conflict', `security group ${command.groupId} already exists`);
      const { groupId, vpcId, tenant } = command;
      if (command.conventions === 'neutron') {
        return [
          {
            type: T.Created,
            data: { groupId, vpcId, tenant, name: DEFAULT_GROUP_NAME, description: 'Default security group', tags: {}, isDefault: true, conventions: 'neutron', at: ctx.now },
          },
          { type: T.RulesAdded, data: { groupId, rules: neutronDefaultGroupRules(groupId).map((r) => ({ ...r, id: ctx.newRuleId() })), at: ctx.now } },
        ];
      }
      return [
        {
          type: T.Created,
          data: { groupId, vpcId, tenant, name: DEFAULT_GROUP_NAME, description: 'Default security group of the VPC', tags: {}, isDefault: true, at: ctx.now },
        },
        { type: T.RulesAdded, data: { groupId, rules: DEFAULT_GROUP_RULES.map((r) => ({ ...r, id: ctx.newRuleId() })), at: ctx.now } },
      ];
    }
    case 'UpdateSecurityGroup':
      return update(command, active(state), ctx);
    case 'AddRules':
      return addRules(command, mutableRules(active(state)), ctx);
    case 'RemoveRules': {
      const g = mutableRules(active(state));
      const ids = unique(command.ruleIds);
      const missing = ids.filter((id) => !g.rules.some((r) => r.id === id));
      if (missing.length > 0) {
        throw new DomainError('not-found', `security group ${g.id} has no rule ${missing.join(', ')}`, missing.map((id) => ({ path: 'ruleIds', message: `no rule ${id} in this group` })));
      }
      return [{ type: T.RulesRemoved, data: { groupId: g.id, ruleIds: ids, at: ctx.now } }];
    }
    case 'ReplaceRules':
      return replaceRules(command, mutableRules(active(state)), ctx);
    case 'ChangeAppliedTo':
      return changeAppliedTo(command, active(state), ctx);
    case 'DeleteSecurityGroup':
      return remove(command, active(state), ctx);
    case 'ForgetRemoteGroup': {
      const g = active(state);
      const ruleIds = g.rules.filter((r) => r.remoteGroupId === command.remoteGroupId).map((r) => r.id);
      if (ruleIds.length === 0) return [];
      return [{ type: T.RulesRemoved, data: { groupId: g.id, ruleIds, at: ctx.now } }];
    }
    case 'DetachInstance': {
      const g = active(state);
      if (!g.appliedTo.instanceIds.includes(command.instanceId)) return [];
      return [{ type: T.AppliedToChanged, data: { groupId: g.id, instanceIdsAdded: [], instanceIdsRemoved: [command.instanceId], cidrsAdded: [], cidrsRemoved: [], at: ctx.now } }];
    }
    default:
      return assertNever(command);
  }
}

function create(c: CreateSecurityGroup, state: SecurityGroupState, ctx: CommandContext): SecurityGroupEvent[] {
  if (state.status !== 'absent') throw new DomainError('conflict', `security group ${c.groupId} already exists`);
  checkGroupsPerVpc(c.existingNamesInVpc.length, ctx.limits.groupsPerVpc);
  const neutron = c.conventions === 'neutron';
  if (neutron) checkNotDefaultName(c.name, 'name');
  else checkName(c.name, c.existingNamesInVpc, 'name');
  const events: SecurityGroupEvent[] = [
    {
      type: T.Created,
      data: {
        groupId: c.groupId, vpcId: c.vpcId, tenant: c.tenant, name: c.name, description: c.description, tags: c.tags, isDefault: false,
        ...(neutron && { conventions: 'neutron' as const }),
        at: ctx.now,
      },
    },
  ];
  const rules = neutron ? [...NEUTRON_NEW_GROUP_RULES.map((spec, i) => ({ spec, sourcePath: `egress[${i}]` })), ...c.rules] : c.rules;
  if (rules.length > 0) {
    const created: SecurityGroup = {
      id: c.groupId, vpcId: c.vpcId, tenant: c.tenant, name: c.name, description: c.description, tags: c.tags,
      isDefault: false, conventions: neutron ? 'neutron' : 'product', rules: [], appliedTo: { instanceIds: [], cidrs: [] }, createdAt: ctx.now, updatedAt: ctx.now,
    };
    events.push(...addRules({ type: 'AddRules', rules, groupIdsInVpc: c.groupIdsInVpc }, created, ctx));
  }
  const applied = diffAppliedTo({ instanceIds: [], cidrs: [] }, 'set', c.applyTo.instanceIds, c.applyTo.cidrs);
  if (applied) {
    checkInstances(applied.instanceIdsAdded, c.instances, c.vpcId, ctx, 'applyTo.instanceIds');
    events.push({ type: T.AppliedToChanged, data: { groupId: c.groupId, ...applied, at: ctx.now } });
  }
  return events;
}

function update(c: UpdateSecurityGroup, g: SecurityGroup, ctx: CommandContext): SecurityGroupEvent[] {
  const renamed = c.name !== undefined && c.name !== g.name;
  if (g.conventions === 'neutron') {
    if (renamed && g.isDefault) throw new DomainError('default-group-immutable', 'Updating default security group not allowed.');
    if (renamed) checkNotDefaultName(c.name!, 'name');
  } else {
    if (renamed && g.isDefault) throw new DomainError('default-group-immutable', 'the default security group cannot be renamed');
    if (renamed) checkName(c.name!, c.existingNamesInVpc.filter((n) => n !== g.name), 'name');
  }
  const data: { groupId: string; name?: string; description?: string; tags?: Record<string, string>; at: string } = { groupId: g.id, at: ctx.now };
  if (renamed) data.name = c.name;
  if (c.description !== undefined && c.description !== g.description) data.description = c.description;
  if (c.tags !== undefined && !sameTags(c.tags, g.tags)) data.tags = { ...c.tags };
  if (Object.keys(data).length === 2) return [];
  return [{ type: T.Updated, data }];
}

function addRules(c: AddRules, g: SecurityGroup, ctx: CommandContext): SecurityGroupEvent[] {
  rejectInvalid(c.rules);
  rejectDuplicates(c.rules, g.rules);
  checkRemoteGroups(c.rules, c.groupIdsInVpc);
  checkRuleQuota(g.rules.length + c.rules.length, ctx);
  if (c.rules.length === 0) return [];
  return [{ type: T.RulesAdded, data: { groupId: g.id, rules: c.rules.map((r) => ({ ...r.spec, id: ctx.newRuleId() })), at: ctx.now } }];
}

function replaceRules(c: ReplaceRules, g: SecurityGroup, ctx: CommandContext): SecurityGroupEvent[] {
  rejectInvalid(c.rules);
  rejectDuplicates(c.rules, []);
  checkRemoteGroups(c.rules, c.groupIdsInVpc);
  checkRuleQuota(c.rules.length, ctx);
  const byKey = new Map(g.rules.map((r) => [ruleKey(r), r]));
  const kept = new Set<string>();
  const added: Rule[] = [];
  for (const { spec } of c.rules) {
    const existing = byKey.get(ruleKey(spec));
    if (existing && existing.description === spec.description) {
      kept.add(existing.id);
    } else if (existing) {
      // Same rule, new description: it keeps its id, so consoles and audits still recognise it.
      added.push({ ...spec, id: existing.id });
    } else {
      added.push({ ...spec, id: ctx.newRuleId() });
    }
  }
  const removedRuleIds = g.rules.filter((r) => !kept.has(r.id)).map((r) => r.id);
  if (removedRuleIds.length === 0 && added.length === 0) return [];
  return [{ type: T.RulesReplaced, data: { groupId: g.id, removedRuleIds, added, at: ctx.now } }];
}

function changeAppliedTo(c: ChangeAppliedTo, g: SecurityGroup, ctx: CommandContext): SecurityGroupEvent[] {
  const diff = diffAppliedTo(g.appliedTo, c.mode, c.instanceIds, c.cidrs);
  if (!diff) return [];
  checkInstances(diff.instanceIdsAdded, c.instances, g.vpcId, ctx, 'instanceIds');
  return [{ type: T.AppliedToChanged, data: { groupId: g.id, ...diff, at: ctx.now } }];
}

function remove(c: DeleteSecurityGroup, g: SecurityGroup, ctx: CommandContext): SecurityGroupEvent[] {
  if (g.conventions === 'neutron') return removeWithRules(c, g, ctx);
  if (g.isDefault && !c.cascadeFromVpc) {
    throw new DomainError('default-group-immutable', 'the default security group is deleted only with its VPC');
  }
  if (!g.isDefault && g.rules.length > 0) {
    const n = g.rules.length;
    throw new DomainError('group-has-rules', `security group ${g.name} still has ${n} rule${n === 1 ? '' : 's'}; delete ${n === 1 ? 'it' : 'them'} first`);
  }
  const others = c.referencedByGroupIds.filter((id) => id !== g.id);
  if (others.length > 0) {
    throw new DomainError('conflict', `security group ${g.name} is referenced by rules of ${others.join(', ')}; remove those rules first`);
  }
  return [{ type: T.Deleted, data: { groupId: g.id, detachedInstanceIds: [...g.appliedTo.instanceIds], detachedCidrs: [...g.appliedTo.cidrs], at: ctx.now } }];
}

/**
 * Neutron's delete: the group goes with its rules, in one change; the rules of other groups that
 * name it as their remote go in that same change (ForgetRemoteGroup on each of `referencedByGroupIds`).
 */
function removeWithRules(c: DeleteSecurityGroup, g: SecurityGroup, ctx: CommandContext): SecurityGroupEvent[] {
  if (g.isDefault && !c.cascadeFromVpc) throw new DomainError('default-group-immutable', 'Insufficient rights for removing default security group.');
  const events: SecurityGroupEvent[] = [];
  if (g.rules.length > 0) events.push({ type: T.RulesRemoved, data: { groupId: g.id, ruleIds: g.rules.map((r) => r.id), at: ctx.now } });
  events.push({ type: T.Deleted, data: { groupId: g.id, detachedInstanceIds: [...g.appliedTo.instanceIds], detachedCidrs: [...g.appliedTo.cidrs], at: ctx.now } });
  return events;
}

function active(state: SecurityGroupState): SecurityGroup {
  if (state.status !== 'active') throw new DomainError('not-found', 'security group not found');
  return state.group;
}

function mutableRules(g: SecurityGroup): SecurityGroup {
  if (g.isDefault && g.conventions !== 'neutron') throw new DomainError('default-group-immutable', 'the rules of the default security group cannot be changed');
  return g;
}

/** Neutron's names need not be unique, but only the project's default group is called default. */
function checkNotDefaultName(name: string, path: string): void {
  if (name.toLowerCase() === DEFAULT_GROUP_NAME) {
    throw new DomainError('conflict', 'Default security group already exists.', [{ path, message: 'the name "default" is reserved' }]);
  }
}

function checkName(name: string, taken: string[], path: string): void {
  if (name.toLowerCase() === DEFAULT_GROUP_NAME) {
    throw new DomainError('validation-failed', `"${DEFAULT_GROUP_NAME}" is reserved for the VPC's default group`, [{ path, message: 'the name "default" is reserved' }]);
  }
  if (taken.some((n) => n.toLowerCase() === name.toLowerCase())) {
    throw new DomainError('conflict', `a security group named "${name}" already exists in this VPC`, [{ path, message: 'already used in this VPC' }]);
  }
}

/** Rules no face should have let through (each face's parser reports its own field errors first). */
function rejectInvalid(incoming: NormalizedRule[]): void {
  const issues = incoming.flatMap(({ spec, sourcePath }) => {
    const problem = ruleSpecProblem(spec);
    return problem === null ? [] : [{ path: sourcePath, message: problem }];
  });
  if (issues.length > 0) throw new DomainError('validation-failed', 'A rule is not valid.', issues);
}

/** Duplicates within the request and against the group's rules, both as `duplicate-rule`. */
function rejectDuplicates(incoming: NormalizedRule[], existing: Rule[]): void {
  const existingByKey = new Map(existing.map((r) => [ruleKey(r), r]));
  const seen = new Map<string, string>();
  const issues: FieldIssue[] = [];
  const clashes: string[] = [];
  for (const { spec, sourcePath } of incoming) {
    const key = ruleKey(spec);
    const old = existingByKey.get(key);
    const earlier = seen.get(key);
    if (old) {
      issues.push({ path: sourcePath, message: `duplicates existing rule ${old.id}` });
      clashes.push(`${describe(spec)} already exists as rule ${old.id}`);
    } else if (earlier) {
      issues.push({ path: sourcePath, message: `duplicates ${earlier} in the same request` });
      clashes.push(`${sourcePath} duplicates ${earlier}`);
    } else {
      seen.set(key, sourcePath);
    }
  }
  if (issues.length > 0) throw new DomainError('duplicate-rule', clashes.join('; '), issues);
}

function checkRemoteGroups(rules: NormalizedRule[], groupIdsInVpc: string[]): void {
  const issues = rules
    .filter((r) => r.spec.remoteGroupId !== null && !groupIdsInVpc.includes(r.spec.remoteGroupId))
    .map((r) => ({ path: `${r.sourcePath}.remote.group`, message: `no security group ${r.spec.remoteGroupId} in this VPC` }));
  if (issues.length > 0) throw new DomainError('validation-failed', 'a remote group must be a security group of the same VPC', issues);
}

function checkRuleQuota(count: number, ctx: CommandContext): void {
  if (count > ctx.limits.rulesPerGroup) {
    throw new DomainError('quota-exceeded', `a security group holds at most ${ctx.limits.rulesPerGroup} rules; this change would make ${count}`);
  }
}

function checkInstances(added: string[], facts: Record<string, InstanceFacts>, vpcId: string, ctx: CommandContext, path: string): void {
  const missing = added.filter((id) => !facts[id]);
  if (missing.length > 0) {
    throw new DomainError('not-found', `no instance ${missing.join(', ')}`, missing.map((id) => ({ path, message: `no instance ${id}` })));
  }
  const elsewhere = added.filter((id) => facts[id].vpcId !== vpcId);
  if (elsewhere.length > 0) {
    throw new DomainError('validation-failed', 'a security group applies only to instances of its own VPC', elsewhere.map((id) => ({ path, message: `instance ${id} is in another VPC` })));
  }
  const full = added.filter((id) => facts[id].groupCount >= ctx.limits.groupsPerInstance);
  if (full.length > 0) {
    throw new DomainError('quota-exceeded', `an instance has at most ${ctx.limits.groupsPerInstance} security groups; ${full.join(', ')} already has that many`);
  }
}

type AppliedToDiff = { instanceIdsAdded: string[]; instanceIdsRemoved: string[]; cidrsAdded: string[]; cidrsRemoved: string[] };

function diffAppliedTo(current: { instanceIds: string[]; cidrs: string[] }, mode: ChangeAppliedTo['mode'], instanceIds: string[], cidrs: string[]): AppliedToDiff | null {
  const pick = (now: string[], given: string[]) => {
    const wanted = unique(given);
    if (mode === 'set') return { added: wanted.filter((x) => !now.includes(x)), removed: now.filter((x) => !wanted.includes(x)) };
    if (mode === 'add') return { added: wanted.filter((x) => !now.includes(x)), removed: [] };
    return { added: [], removed: wanted.filter((x) => now.includes(x)) };
  };
  const i = pick(current.instanceIds, instanceIds);
  const c = pick(current.cidrs, cidrs);
  if (i.added.length + i.removed.length + c.added.length + c.removed.length === 0) return null;
  return { instanceIdsAdded: i.added, instanceIdsRemoved: i.removed, cidrsAdded: c.added, cidrsRemoved: c.removed };
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function sameTags(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

function describe(spec: RuleSpec): string {
  const ports = spec.portRange ? (spec.portRange.from === spec.portRange.to ? `${spec.portRange.from}` : `${spec.portRange.from}-${spec.portRange.to}`) : 'all ports';
  return `${spec.direction} ${spec.protocol} ${ports} ${spec.remoteGroupId ? `group ${spec.remoteGroupId}` : spec.remote}`;
}

/** A new group fits its VPC: `othersInVpc` groups are there already. */
export function checkGroupsPerVpc(othersInVpc: number, limit: number): void {
  if (othersInVpc >= limit) throw new DomainError('quota-exceeded', `a VPC holds at most ${limit} security groups`);
}
