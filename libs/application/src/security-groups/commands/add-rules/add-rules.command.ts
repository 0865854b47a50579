import type { NormalizedRule } from '@sg/domain';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

/**
 * Adds rules to a group, all or nothing; with `alsoAddTo` (a bulk request), rules to other groups
 * of the same VPC in the same change.
 */
export class AddRulesCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
    readonly rules: NormalizedRule[],
    /** Other groups' rules (the outcome's `others`, in this order). */
    readonly alsoAddTo: readonly { groupId: string; rules: NormalizedRule[] }[] = [],
  ) {
    super(context);
  }
}
