import type { Tags } from '@sg/domain';
import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

/** Renames, describes or tags a group; the fields given replace the current values (tags as a whole map). */
export class UpdateSecurityGroupCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
    readonly changes: { name?: string; description?: string; tags?: Tags },
  ) {
    super(context);
  }
}
