import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { DomainError, queueOperation } from '@sg/domain';
import { findHypervisor, instancesOnHypervisor } from '@sg/infra';
import { newId, StreamTypes } from '@sg/application';
import { DataSource } from 'typeorm';
import { CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { operationRef } from '../../../platform/commands/operation-plan';
import { ResyncHypervisorCommand } from './resync-hypervisor.command';

/**
 * Pushes a hypervisor's full desired state again, even if nothing changed: an operation with one
 * target and `force`, which the worker follows like any other. Agents call it when they start
 * empty; operators when they suspect drift.
 */
@CommandHandler(ResyncHypervisorCommand)
export class ResyncHypervisorHandler implements ICommandHandler<ResyncHypervisorCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  execute({ ctx, hypervisorId }: ResyncHypervisorCommand): Promise<HttpResult> {
    return this.executor.execute(ctx, async () => {
      const hypervisor = await findHypervisor(this.db.manager, hypervisorId);
      if (!hypervisor) throw new DomainError('not-found', `no hypervisor ${hypervisorId}`);
      const instances = await instancesOnHypervisor(this.db.manager, hypervisorId);
      const operationId = newId('op');
      const events = queueOperation({
        operationId,
        tenant: ctx.principal.tenant,
        operationType: 'hypervisor.resync',
        resource: { type: 'hypervisor', id: hypervisorId },
        summary: `Resynced hypervisor ${hypervisorId}`,
        changePosition: null,
        // Always one target, even with no instances: an empty hypervisor still gets its (empty) state.
        targets: [{ hypervisorId, instanceIds: instances.map((i) => i.id) }],
        force: true,
        at: new Date().toISOString(),
      });
      return {
        tenant: ctx.principal.tenant,
        appends: [{ streamId: operationId, streamType: StreamTypes.operation, expectedVersion: 'no-stream', events }],
        respond: async (tx) => {
          const op = await operationRef(tx, operationId);
          return { statusCode: 202, headers: op.headers, body: { hypervisorId, operation: op.ref } };
        },
      };
    });
  }
}
