import { Inject, Injectable } from '@nestjs/common';
import { AppendRequest, EventStore, OperationReadModel, StreamTypes, withRetry } from '@sg/application';
import { decideOperationProgress, OperationProgress } from '@sg/domain';

export const WORKER_ACTOR = 'system/propagation-worker';

/**
 * Records what the worker learned about operations as their events (status changes are events:
 * the notification stream and auditors read them). One sync settles every operation waiting on
 * its hypervisor, so they are reported together: their states come from the operations read
 * model (written with their events, so its version is the stream's) and their events are
 * appended in one transaction per tenant, re-run when another worker reported on one meanwhile.
 */
@Injectable()
export class OperationReporter {
  constructor(
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(OperationReadModel) private readonly operations: OperationReadModel,
  ) {}

  report(operationId: string, progress: OperationProgress): Promise<void> {
    return this.reportMany([operationId], progress);
  }

  async reportMany(operationIds: readonly string[], progress: OperationProgress): Promise<void> {
    if (operationIds.length === 0) return;
    await withRetry(async () => {
      const rows = await this.operations.states(operationIds);
      const now = new Date().toISOString();
      const byTenant = new Map<string, AppendRequest[]>();
      for (const row of rows) {
        const events = decideOperationProgress(row.state, progress, now);
        if (events.length === 0) continue;
        const appends = byTenant.get(row.tenant) ?? [];
        appends.push({ streamId: row.id, streamType: StreamTypes.operation, expectedVersion: row.version, events });
        byTenant.set(row.tenant, appends);
      }
      for (const [tenant, appends] of byTenant) await this.store.appendToStreams(appends, { actor: WORKER_ACTOR, tenant });
    });
  }
}
