import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

/** Removes rules of a group, all or nothing: one unknown id and none is removed. */
export class RemoveRulesCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
    readonly ruleIds: string[],
  ) {
    super(context);
  }
}
