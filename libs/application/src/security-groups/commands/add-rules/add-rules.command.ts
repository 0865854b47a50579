import type { NormalizedRule } from '@sg/domain';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

/** Adds rules to a group, all or nothing. */
export class AddRulesCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
    readonly rules: NormalizedRule[],
  ) {
    super(context);
  }
}
