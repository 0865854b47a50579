import type { AppliedTo, GroupConventions, GroupView, Rule, Tags } from '@sg/domain';
import type { Transaction } from '../event-store.port';
import type { Page, PageRequest } from './page';

/** A security group as the read model holds it. */
export interface GroupRecord extends GroupView {
  tenant: string;
  description: string;
  tags: Tags;
  isDefault: boolean;
  conventions: GroupConventions;
  version: number;
  rules: Rule[];
  appliedTo: AppliedTo;
  createdAt: string;
  updatedAt: string;
}

export interface GroupFilter {
  /** null: every tenant (operators). */
  tenant: string | null;
  vpcId?: string;
  tag?: { key: string; value?: string };
  /** Only groups following these conventions (the Neutron face lists the project VPCs' groups). */
  conventions?: GroupConventions;
}

/** `rm_security_groups` and its rules and attachments, as the use cases read them. */
export abstract class SecurityGroupReadModel {
  /** null for another tenant's group (tenant null: any tenant's). */
  abstract find(id: string, tenant: string | null): Promise<GroupRecord | null>;

  abstract list(filter: GroupFilter, page: PageRequest): Promise<Page<GroupRecord>>;

  /** Every group of a VPC with all its rules. */
  abstract ofVpc(vpcId: string, tx?: Transaction): Promise<GroupRecord[]>;

  /**
   * A VPC's groups as a change of one of them needs to see the others: names, attachments, and of
   * the rules only those that name a remote group (which instances a membership change reaches).
   */
  abstract ofVpcForChanges(vpcId: string, tx?: Transaction): Promise<GroupRecord[]>;

  /** Groups (other than itself) whose rules name `groupId` as their remote. */
  abstract referencing(groupId: string): Promise<string[]>;

  /** The group holding a rule, or null for no such rule. */
  abstract groupIdOfRule(ruleId: string): Promise<string | null>;
}
