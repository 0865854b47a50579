import { Inject, Injectable } from '@nestjs/common';
import { CommandExecutor } from '../../write-path/command-executor';
import { KeyedBatcher } from '../../write-path/keyed-batcher';
import type { Written } from '../../write-path/write-command';
import { GroupBatchDecider, type GroupWrite } from './group-batch';
import type { GroupChanged } from './group-change-plan';

/**
 * Group commit: while one transaction on a group runs, the changes that arrive for it queue in
 * this process; the next batch decides them all on one load and appends them in one
 * transaction, each with its own metadata and its own operation. Writers in other processes are
 * caught by the expected version and the whole batch is decided again (CommandExecutor).
 */
@Injectable()
export class GroupCommit {
  private readonly batcher = new KeyedBatcher<GroupWrite, Written<GroupChanged>>((groupId, batch) =>
    this.executor.executeBatch(batch, (pending) => this.decider.decide(groupId, pending)),
  );

  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(GroupBatchDecider) private readonly decider: GroupBatchDecider,
  ) {}

  submit(groupId: string, write: GroupWrite): Promise<Written<GroupChanged>> {
    return this.batcher.submit(groupId, write);
  }
}
