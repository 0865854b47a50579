import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, requestRetry } from '@sg/domain';
import { OperationAggregate } from '../../../aggregates/aggregates';
import { isIdShape } from '../../../aggregates/ids';
import { loadAggregate } from '../../../aggregates/load-aggregate';
import { StreamTypes } from '../../../aggregates/streams';
import { EventStore } from '../../../ports/event-store.port';
import { OperationReadModel } from '../../../ports/read-models/operations.read-model';
import { CommandExecutor } from '../../../write-path/command-executor';
import { checkExpectedVersion } from '../../../write-path/errors';
import type { Written } from '../../../write-path/write-command';
import { type OperationRetried, RetryOperationCommand } from './retry-operation.command';

/**
 * An audited event (who, when, which targets) that re-queues the failed targets; the worker then
 * pushes the hypervisors' current state again. A conflict unless the operation failed.
 */
@CommandHandler(RetryOperationCommand)
export class RetryOperationHandler implements ICommandHandler<RetryOperationCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
  ) {}

  execute({ context, operationId }: RetryOperationCommand): Promise<Written<OperationRetried>> {
    if (!isIdShape(operationId)) return Promise.reject(new DomainError('not-found', `no operation ${operationId}`));
    return this.executor.execute(context, async () => {
      const loaded = await loadAggregate(this.store, operationId, OperationAggregate);
      if (loaded.state.status !== 'present') throw new DomainError('not-found', `no operation ${operationId}`);
      checkExpectedVersion(context.expectedVersion, loaded.version);
      const events = requestRetry(loaded.state, context.actor.name, new Date().toISOString());
      return {
        tenant: loaded.state.operation.tenant,
        appends: [{ streamId: operationId, streamType: StreamTypes.operation, expectedVersion: loaded.version, events }],
        outcome: async (tx) => ({ operation: (await this.operations.find(operationId, null, tx))! }),
      };
    });
  }
}
