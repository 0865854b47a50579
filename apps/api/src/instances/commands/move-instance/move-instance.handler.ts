import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideInstance, DomainError, parseMoveInstanceInput, placementsOfMove } from '@sg/domain';
import { findHypervisor } from '@sg/infra';
import { EventStore, StreamTypes } from '@sg/application';
import { DataSource } from 'typeorm';
import { checkIfMatch, CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { planOperation } from '../../../platform/commands/operation-plan';
import { instanceChangeResult } from '../../instance-change-result';
import { loadVisibleInstance } from '../../instance-lookup';
import { MoveInstanceCommand } from './move-instance.command';

/**
 * The VM now runs elsewhere (a live migration, say). Its port, rules and addresses stay the same;
 * the old hypervisor must drop the port and the new one enforce it, so the operation targets
 * both. A move to where it already is changes nothing and succeeds at once.
 */
@CommandHandler(MoveInstanceCommand)
export class MoveInstanceHandler implements ICommandHandler<MoveInstanceCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  execute({ ctx, instanceId, body }: MoveInstanceCommand): Promise<HttpResult> {
    const { hypervisorId } = parseMoveInstanceInput(body);
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const { instance, version } = await loadVisibleInstance(this.store, instanceId, ctx.principal);
      checkIfMatch(ctx, version);
      if (!(await findHypervisor(this.db.manager, hypervisorId))) {
        throw new DomainError('not-found', `no hypervisor ${hypervisorId}`, [{ path: 'hypervisorId', message: `no hypervisor ${hypervisorId}` }]);
      }
      const events = decideInstance({ type: 'MoveInstance', hypervisorId }, { status: 'active', instance }, now);
      const moved = events.length > 0;
      const operation = planOperation({
        tenant: instance.tenant,
        operationType: moved ? events[events.length - 1].type : 'instance.unchanged',
        resource: { type: 'instance', id: instance.id },
        summary: moved ? `Moved instance ${instance.name} from ${instance.hypervisorId} to ${hypervisorId}` : `Instance ${instance.name} is already on ${hypervisorId}`,
        touched: placementsOfMove(instance, hypervisorId),
        now,
      });
      return {
        tenant: instance.tenant,
        appends: [{ streamId: instance.id, streamType: StreamTypes.instance, expectedVersion: version, events }, operation.append],
        respond: (tx) => instanceChangeResult(tx, instance.id, operation.id, 202),
      };
    });
  }
}
