import type { GroupChanged } from '../../group-changes/group-change-plan';
import { type WriteContext, WriteCommand } from '../../../write-path/write-command';

export class DeleteSecurityGroupCommand extends WriteCommand<GroupChanged> {
  constructor(
    context: WriteContext<GroupChanged>,
    readonly groupId: string,
  ) {
    super(context);
  }
}
