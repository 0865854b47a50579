import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkStateGrowth, decideInstance, DomainError, placementsOfMove } from '@sg/domain';
import { StreamTypes } from '../../../aggregates/streams';
import { EventStore } from '../../../ports/event-store.port';
import { HypervisorReadModel } from '../../../ports/read-models/hypervisors.read-model';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { recheckStateBudget } from '../../../quotas/state-budget';
import { CoreSettings } from '../../../settings';
import { CommandExecutor } from '../../../write-path/command-executor';
import { checkExpectedVersion } from '../../../write-path/errors';
import { opened, planOperation } from '../../../write-path/operation-plan';
import type { Written } from '../../../write-path/write-command';
import type { InstanceChanged } from '../../instance-changed';
import { writtenInstance } from '../../instance-groups';
import { loadVisibleInstance } from '../../instance-lookup';
import { MoveInstanceCommand } from './move-instance.command';

/**
 * The VM's port, rules and addresses stay the same; the old hypervisor must drop the port and the
 * new one enforce it, so the operation targets both. A move to where it already is changes
 * nothing and succeeds at once.
 */
@CommandHandler(MoveInstanceCommand)
export class MoveInstanceHandler implements ICommandHandler<MoveInstanceCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  execute({ context, instanceId, hypervisorId }: MoveInstanceCommand): Promise<Written<InstanceChanged>> {
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const { instance, version } = await loadVisibleInstance(this.store, instanceId, context.actor);
      checkExpectedVersion(context.expectedVersion, version);
      if (!(await this.hypervisors.find(hypervisorId))) {
        throw new DomainError('not-found', `no hypervisor ${hypervisorId}`, [{ path: 'hypervisorId', message: `no hypervisor ${hypervisorId}` }]);
      }
      const events = decideInstance({ type: 'MoveInstance', hypervisorId }, { status: 'active', instance }, now);
      const moved = events.length > 0;
      const limit = this.settings.limits.stateEntriesPerHypervisor;
      let grown: string[] = [];
      if (moved) {
        // The port brings its groups' rules into the new hypervisor's state: within the tenant's
        // budget there, first on the VPC as read, then on all its VPCs under its lock when written.
        const [groups, instances] = await Promise.all([
          this.groups.ofVpc(instance.vpcId),
          this.instances.ofVpc(instance.vpcId),
        ]);
        const after = instances.map((i) => (i.id === instance.id ? { ...i, hypervisorId } : i));
        grown = checkStateGrowth({ groups, instances }, { groups, instances: after }, limit);
      }
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
        outcome: async (tx) => {
          await recheckStateBudget(this.instances, tx, instance.tenant, grown, limit);
          return { instance: await writtenInstance(this.instances, this.groups, instance.id, tx), operation: opened(operation) };
        },
      };
    });
  }
}
