import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideRegisterHypervisor } from '@sg/domain';
import { HypervisorAggregate } from '../../../aggregates/aggregates';
import { loadAggregate } from '../../../aggregates/load-aggregate';
import { StreamIds, StreamTypes } from '../../../aggregates/streams';
import { EventStore } from '../../../ports/event-store.port';
import { HypervisorStates } from '../../../ports/propagation/hypervisor-states';
import { HypervisorReadModel } from '../../../ports/read-models/hypervisors.read-model';
import { CommandExecutor } from '../../../write-path/command-executor';
import { checkExpectedVersion } from '../../../write-path/errors';
import type { Written } from '../../../write-path/write-command';
import { syncStatusOf } from '../../hypervisor-status';
import { type HypervisorRegistered, RegisterHypervisorCommand } from './register-hypervisor.command';

/** Hypervisors belong to no tenant: the events carry the operator's tenant for the audit trail. */
@CommandHandler(RegisterHypervisorCommand)
export class RegisterHypervisorHandler implements ICommandHandler<RegisterHypervisorCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(HypervisorStates) private readonly states: HypervisorStates,
  ) {}

  execute({ context, hypervisorId, agentUrl }: RegisterHypervisorCommand): Promise<Written<HypervisorRegistered>> {
    const streamId = StreamIds.hypervisor(hypervisorId);
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const loaded = await loadAggregate(this.store, streamId, HypervisorAggregate);
      checkExpectedVersion(context.expectedVersion, loaded.version);
      const created = loaded.state.status === 'absent';
      const events = decideRegisterHypervisor(loaded.state, hypervisorId, agentUrl, now);
      // The worker's states are read here, not in the outcome: a read on the pool from inside the
      // transaction waits for a connection, and a fleet of agents registering at once (as many
      // as the pool holds) would each hold one and wait for another, for ever.
      const states = await this.states.all();
      return {
        tenant: context.actor.tenant,
        appends: [{ streamId, streamType: StreamTypes.hypervisor, expectedVersion: created ? 'no-stream' : loaded.version, events }],
        outcome: async (tx) => {
          const hypervisor = syncStatusOf(states, (await this.hypervisors.find(hypervisorId, tx))!);
          return { hypervisor, created };
        },
      };
    });
  }
}
