import { Rule } from '../rule/rule';
import { Tags } from '../shared/tags';

/**
 * What happened to a security group. The `type` strings are the storage contract (never class
 * names); bump the schema version and add an upcaster when a shape changes.
 */
export const SecurityGroupEventTypes = {
  Created: 'security-group.created',
  Updated: 'security-group.updated',
  RulesAdded: 'security-group.rules.added',
  RulesRemoved: 'security-group.rules.removed',
  RulesReplaced: 'security-group.rules.replaced',
  AppliedToChanged: 'security-group.applied-to.changed',
  Deleted: 'security-group.deleted',
} as const;

export interface SecurityGroupCreated {
  type: typeof SecurityGroupEventTypes.Created;
  data: {
    groupId: string;
    vpcId: string;
    tenant: string;
    name: string;
    description: string;
    tags: Tags;
    isDefault: boolean;
    /** Absent for the product's own groups; 'neutron' for a project's groups (see GroupConventions). */
    conventions?: 'neutron';
    at: string;
  };
}

export interface SecurityGroupUpdated {
  type: typeof SecurityGroupEventTypes.Updated;
  data: { groupId: string; name?: string; description?: string; tags?: Tags; at: string };
}

export interface SecurityGroupRulesAdded {
  type: typeof SecurityGroupEventTypes.RulesAdded;
  data: { groupId: string; rules: Rule[]; at: string };
}

export interface SecurityGroupRulesRemoved {
  type: typeof SecurityGroupEventTypes.RulesRemoved;
  data: { groupId: string; ruleIds: string[]; at: string };
}

/** The console's "Edit Security Group": kept rules keep their ids; a changed description is a remove plus an add under the same id. */
export interface SecurityGroupRulesReplaced {
  type: typeof SecurityGroupEventTypes.RulesReplaced;
  data: { groupId: string; removedRuleIds: string[]; added: Rule[]; at: string };
}

export interface SecurityGroupAppliedToChanged {
  type: typeof SecurityGroupEventTypes.AppliedToChanged;
  data: {
    groupId: string;
    instanceIdsAdded: string[];
    instanceIdsRemoved: string[];
    cidrsAdded: string[];
    cidrsRemoved: string[];
    at: string;
  };
}

/** Deleting detaches the group everywhere: what it was applied to is recorded for the audit. */
export interface SecurityGroupDeleted {
  type: typeof SecurityGroupEventTypes.Deleted;
  data: { groupId: string; detachedInstanceIds: string[]; detachedCidrs: string[]; at: string };
}

export type SecurityGroupEvent =
  | SecurityGroupCreated
  | SecurityGroupUpdated
  | SecurityGroupRulesAdded
  | SecurityGroupRulesRemoved
  | SecurityGroupRulesReplaced
  | SecurityGroupAppliedToChanged
  | SecurityGroupDeleted;
