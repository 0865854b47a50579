import type { NormalizedRule } from '@sg/domain';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

/** The group's rules become exactly these; rules that stay keep their ids. */
export class ReplaceRulesCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
    readonly rules: NormalizedRule[],
  ) {
    super(context);
  }
}
