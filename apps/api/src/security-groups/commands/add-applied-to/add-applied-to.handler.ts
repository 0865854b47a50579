import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { changeAppliedTo } from '../set-applied-to/change-applied-to';
import { AddAppliedToCommand } from './add-applied-to.command';

/** Adds the given instances and segments; those the group already applies to are left as they are. */
@CommandHandler(AddAppliedToCommand)
export class AddAppliedToHandler implements ICommandHandler<AddAppliedToCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  execute({ ctx, groupId, body }: AddAppliedToCommand): Promise<HttpResult> {
    return changeAppliedTo(this.changes, this.db, ctx, groupId, 'add', body);
  }
}
