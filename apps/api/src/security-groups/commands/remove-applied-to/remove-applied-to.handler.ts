import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { changeAppliedTo } from '../set-applied-to/change-applied-to';
import { RemoveAppliedToCommand } from './remove-applied-to.command';

/** Detaches the given instances and segments (the console's X icon). */
@CommandHandler(RemoveAppliedToCommand)
export class RemoveAppliedToHandler implements ICommandHandler<RemoveAppliedToCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  execute({ ctx, groupId, body }: RemoveAppliedToCommand): Promise<HttpResult> {
    return changeAppliedTo(this.changes, this.db, ctx, groupId, 'remove', body);
  }
}
