import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, requestRetry } from '@sg/domain';
import { findOperation } from '@sg/infra';
import { EventStore, loadAggregate, OperationAggregate, StreamTypes } from '@sg/application';
import { checkIfMatch, CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { ID_PATTERN } from '../../../platform/http/query-params';
import { presentOperation } from '../../operation.presenter';
import { RetryOperationCommand } from './retry-operation.command';

/**
 * An operator's retry of a failed operation: an audited event (who, when, which targets) that
 * re-queues its failed targets; the worker then pushes the hypervisors' current state again.
 * 409 unless the operation failed.
 */
@CommandHandler(RetryOperationCommand)
export class RetryOperationHandler implements ICommandHandler<RetryOperationCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
  ) {}

  execute({ ctx, operationId }: RetryOperationCommand): Promise<HttpResult> {
    if (!ID_PATTERN.test(operationId)) return Promise.reject(new DomainError('not-found', `no operation ${operationId}`));
    return this.executor.execute(ctx, async () => {
      const loaded = await loadAggregate(this.store, operationId, OperationAggregate);
      if (loaded.state.status !== 'present') throw new DomainError('not-found', `no operation ${operationId}`);
      checkIfMatch(ctx, loaded.version);
      const events = requestRetry(loaded.state, ctx.principal.actor, new Date().toISOString());
      return {
        tenant: loaded.state.operation.tenant,
        appends: [{ streamId: operationId, streamType: StreamTypes.operation, expectedVersion: loaded.version, events }],
        respond: async (tx) => {
          const op = await findOperation(tx, operationId, null);
          return { statusCode: 202, headers: { 'Operation-Location': `/v1/operations/${operationId}` }, body: presentOperation(op!) };
        },
      };
    });
  }
}
