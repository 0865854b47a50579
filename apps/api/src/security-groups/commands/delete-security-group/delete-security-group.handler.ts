import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup } from '@sg/domain';
import { groupsReferencing } from '@sg/infra';
import { DataSource } from 'typeorm';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { DeleteSecurityGroupCommand } from './delete-security-group.command';

/**
 * Refused while the group has rules (the console deletes them first), for the default group, and
 * while another group's rules name it as remote: deleting it would silently change what they allow.
 * Otherwise it is detached from every instance and segment, and the operation carries that out.
 */
@CommandHandler(DeleteSecurityGroupCommand)
export class DeleteSecurityGroupHandler implements ICommandHandler<DeleteSecurityGroupCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  execute({ ctx, groupId }: DeleteSecurityGroupCommand): Promise<HttpResult> {
    return this.changes.change(ctx, groupId, async (group, state, _facts, now) => ({
      events: decideSecurityGroup(
        { type: 'DeleteSecurityGroup', referencedByGroupIds: await groupsReferencing(this.db.manager, group.id) },
        state,
        this.changes.commandContext(now),
      ),
    }));
  }
}
