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
import { withStates } from '../../hypervisor-status';
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
      // The sync status is read here, before the append's transaction: read inside it through the
      // pool, it would wait for a second connection while holding one, and as many concurrent
      // registrations as the pool has connections would each hold one and wait for ever.
      const [loaded, states] = await Promise.all([loadAggregate(this.store, streamId, HypervisorAggregate), this.states.all()]);
      checkExpectedVersion(context.expectedVersion, loaded.version);
      const created = loaded.state.status === 'absent';
      const events = decideRegisterHypervisor(loaded.state, hypervisorId, agentUrl, now);
      return {
        tenant: context.actor.tenant,
        appends: [{ streamId, streamType: StreamTypes.hypervisor, expectedVersion: created ? 'no-stream' : loaded.version, events }],
        outcome: async (tx) => {
          const [hypervisor] = withStates(states, [(await this.hypervisors.find(hypervisorId, tx))!]);
          return { hypervisor, created };
        },
      };
    });
  }
}
