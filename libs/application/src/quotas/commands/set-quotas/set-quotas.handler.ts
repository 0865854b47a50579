import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideResetQuotas, decideSetQuotas, DomainError, effectiveQuotas, evolveQuota } from '@sg/domain';
import { QuotaAggregate } from '../../../aggregates/aggregates';
import { loadAggregate } from '../../../aggregates/load-aggregate';
import { StreamIds, StreamTypes } from '../../../aggregates/streams';
import { EventStore } from '../../../ports/event-store.port';
import { CommandExecutor } from '../../../write-path/command-executor';
import { checkExpectedVersion } from '../../../write-path/errors';
import type { Written } from '../../../write-path/write-command';
import { ProjectQuotas } from '../../project-quotas';
import { type QuotasChanged, SetQuotasCommand } from './set-quotas.command';

@CommandHandler(SetQuotasCommand)
export class SetQuotasHandler implements ICommandHandler<SetQuotasCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(ProjectQuotas) private readonly quotas: ProjectQuotas,
  ) {}

  execute({ context, tenant, changes }: SetQuotasCommand): Promise<Written<QuotasChanged>> {
    if (context.actor.role !== 'operator') throw new DomainError('forbidden', 'Only an admin (operator) may change quotas.');
    const streamId = StreamIds.quota(tenant);
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const loaded = await loadAggregate(this.store, streamId, QuotaAggregate);
      checkExpectedVersion(context.expectedVersion, loaded.version);
      const events = changes === null ? decideResetQuotas(tenant, now) : decideSetQuotas(tenant, changes, now);
      return {
        tenant,
        appends: [{ streamId, streamType: StreamTypes.quota, expectedVersion: loaded.version === 0 ? 'no-stream' : loaded.version, events }],
        // The quotas as this change leaves them (the read model shows them once the transaction commits).
        outcome: async () => ({ tenant, quotas: effectiveQuotas(events.reduce(evolveQuota, loaded.state)), usage: (await this.quotas.of(tenant)).usage }),
      };
    });
  }
}
