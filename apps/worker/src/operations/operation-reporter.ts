import { Inject, Injectable } from '@nestjs/common';
import { decideOperationProgress, evolveOperation, initialOperationState, OperationProgress } from '@sg/domain';
import { EventStore, loadAggregate, StreamTypes, withRetry } from '@sg/infra';

export const WORKER_ACTOR = 'system/propagation-worker';

/**
 * Records what the worker learned about an operation as its events (status changes are events:
 * the notification stream and auditors read them). Load → decide → append, re-run on a conflict
 * with another worker reporting on the same operation.
 */
@Injectable()
export class OperationReporter {
  constructor(@Inject(EventStore) private readonly store: EventStore) {}

  async report(operationId: string, progress: OperationProgress): Promise<void> {
    await withRetry(async () => {
      const { state, version } = await loadAggregate(this.store, operationId, evolveOperation, initialOperationState);
      if (state.status !== 'present') return;
      const events = decideOperationProgress(state, progress, new Date().toISOString());
      if (events.length === 0) return;
      await this.store.append(operationId, StreamTypes.operation, version, events, { actor: WORKER_ACTOR, tenant: state.operation.tenant });
    });
  }
}
