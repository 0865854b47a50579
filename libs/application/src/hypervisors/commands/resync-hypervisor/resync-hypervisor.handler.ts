import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError } from '@sg/domain';
import { HypervisorReadModel } from '../../../ports/read-models/hypervisors.read-model';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { CommandExecutor } from '../../../write-path/command-executor';
import { opened, planOperation } from '../../../write-path/operation-plan';
import type { Written } from '../../../write-path/write-command';
import { type HypervisorResynced, ResyncHypervisorCommand } from './resync-hypervisor.command';

/**
 * An operation with one target and `force`, which the worker follows like any other. Agents ask
 * for it when they start empty; operators when they suspect drift.
 */
@CommandHandler(ResyncHypervisorCommand)
export class ResyncHypervisorHandler implements ICommandHandler<ResyncHypervisorCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
  ) {}

  execute({ context, hypervisorId }: ResyncHypervisorCommand): Promise<Written<HypervisorResynced>> {
    return this.executor.execute(context, async () => {
      if (!(await this.hypervisors.find(hypervisorId))) throw new DomainError('not-found', `no hypervisor ${hypervisorId}`);
      const instances = await this.instances.onHypervisor(hypervisorId);
      const tenant = context.actor.tenant;
      const operation = planOperation({
        tenant,
        operationType: 'hypervisor.resync',
        resource: { type: 'hypervisor', id: hypervisorId },
        summary: `Resynced hypervisor ${hypervisorId}`,
        touched: [],
        // Always one target, even with no instances: an empty hypervisor still gets its (empty) state.
        targets: [{ hypervisorId, instanceIds: instances.map((i) => i.id) }],
        force: true,
        now: new Date().toISOString(),
      });
      return { tenant, appends: [operation.append], outcome: async () => ({ hypervisorId, operation: opened(operation) }) };
    });
  }
}
