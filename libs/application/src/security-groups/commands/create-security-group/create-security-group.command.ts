import type { NormalizedRule, Tags } from '@sg/domain';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export interface NewSecurityGroup {
  vpcId: string;
  /** Generated (readable and unique in the VPC) when absent. */
  name?: string;
  description: string;
  tags: Tags;
  rules: NormalizedRule[];
  /** Canonical CIDRs. */
  applyTo: { instanceIds: string[]; cidrs: string[] };
}

/**
 * A group with its first rules and attachments, in one change; with `alsoCreate` (a bulk
 * creation), more groups of the same VPC in that same change: all of them or none.
 */
export class CreateSecurityGroupCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly group: NewSecurityGroup,
    /** The other groups of a bulk creation, in order (the outcome's `others`). */
    readonly alsoCreate: readonly NewSecurityGroup[] = [],
  ) {
    super(context);
  }
}
