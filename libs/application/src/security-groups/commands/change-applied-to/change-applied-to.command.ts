import type { AppliedToMode } from '@sg/domain';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

/** What a group applies to: exactly these (`set`), these as well (`add`), or no longer these (`remove`). */
export class ChangeAppliedToCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
    readonly mode: AppliedToMode,
    readonly instanceIds: string[],
    /** Canonical CIDRs. */
    readonly cidrs: string[],
  ) {
    super(context);
  }
}
