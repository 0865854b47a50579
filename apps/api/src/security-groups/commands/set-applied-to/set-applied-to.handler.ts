import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import type { HttpResult } from '../../../platform/commands/command-executor';
import { GroupChanges } from '../../group-changes.service';
import { changeAppliedTo } from './change-applied-to';
import { SetAppliedToCommand } from './set-applied-to.command';

/** The console's "Apply Instances": the lists become exactly the ones given. */
@CommandHandler(SetAppliedToCommand)
export class SetAppliedToHandler implements ICommandHandler<SetAppliedToCommand> {
  constructor(
    @Inject(GroupChanges) private readonly changes: GroupChanges,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  execute({ ctx, groupId, body }: SetAppliedToCommand): Promise<HttpResult> {
    return changeAppliedTo(this.changes, this.db, ctx, groupId, 'set', body);
  }
}
