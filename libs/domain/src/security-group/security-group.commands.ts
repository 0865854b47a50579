import { NormalizedRule } from '../rule/rule';
import { Limits } from '../shared/limits';
import { Tags } from '../shared/tags';

/**
 * Commands carry everything `decide` needs that is not in the group's own events: time, new ids,
 * and facts read from other aggregates' read models (counts, names, instances). Inputs are
 * already parsed into value objects; `decide` enforces the invariants between them.
 */
export interface CommandContext {
  now: string;
  /** Makes a new rule id (`sgr-…`); tests pass a counter. */
  newRuleId: () => string;
  limits: Limits;
}

/** Another group of the same VPC that a rule may name as its remote. */
export interface InstanceFacts {
  vpcId: string;
  /** How many groups apply to it now, directly or through a CIDR. */
  groupCount: number;
}

export interface CreateSecurityGroup {
  type: 'CreateSecurityGroup';
  groupId: string;
  vpcId: string;
  tenant: string;
  name: string;
  description: string;
  tags: Tags;
  /** 'neutron': the group starts with Neutron's egress rules before `rules`, and its name need not be unique. */
  conventions?: 'neutron';
  rules: NormalizedRule[];
  applyTo: { instanceIds: string[]; cidrs: string[] };
  /** Groups already in the VPC (names are unique per VPC; the quota counts them). */
  existingNamesInVpc: string[];
  /** Group ids of the same VPC that rules may reference (this new group included). */
  groupIdsInVpc: string[];
  instances: Record<string, InstanceFacts>;
}

export interface CreateDefaultSecurityGroup {
  type: 'CreateDefaultSecurityGroup';
  groupId: string;
  vpcId: string;
  tenant: string;
  /** 'neutron': the default group of a project's VPC, with Neutron's rules (which may change). */
  conventions?: 'neutron';
}

export interface UpdateSecurityGroup {
  type: 'UpdateSecurityGroup';
  name?: string;
  description?: string;
  tags?: Tags;
  existingNamesInVpc: string[];
}

export interface AddRules {
  type: 'AddRules';
  rules: NormalizedRule[];
  groupIdsInVpc: string[];
}

export interface RemoveRules {
  type: 'RemoveRules';
  ruleIds: string[];
}

export interface ReplaceRules {
  type: 'ReplaceRules';
  rules: NormalizedRule[];
  groupIdsInVpc: string[];
}

export type AppliedToMode = 'set' | 'add' | 'remove';

export interface ChangeAppliedTo {
  type: 'ChangeAppliedTo';
  mode: AppliedToMode;
  instanceIds: string[];
  /** Canonical CIDRs. */
  cidrs: string[];
  instances: Record<string, InstanceFacts>;
}

export interface DeleteSecurityGroup {
  type: 'DeleteSecurityGroup';
  /**
   * Groups whose rules name this one as their remote: deleting it would silently change them, so
   * a product group is not deleted while there are any. A Neutron group is (Neutron deletes those
   * rules with it): the caller removes them in the same change (ForgetRemoteGroup on each).
   */
  referencedByGroupIds: string[];
  /** Set when the VPC itself is deleted: the default group goes with it. */
  cascadeFromVpc?: boolean;
}

/** Another group named as remote is deleted: the rules naming it go with it (Neutron's cascade). */
export interface ForgetRemoteGroup {
  type: 'ForgetRemoteGroup';
  remoteGroupId: string;
}

/** The instance left the cloud: it is detached from every group, as AWS does. */
export interface DetachInstance {
  type: 'DetachInstance';
  instanceId: string;
}

export type SecurityGroupCommand =
  | CreateSecurityGroup
  | CreateDefaultSecurityGroup
  | UpdateSecurityGroup
  | AddRules
  | RemoveRules
  | ReplaceRules
  | ChangeAppliedTo
  | DeleteSecurityGroup
  | ForgetRemoteGroup
  | DetachInstance;
