import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideInstance, decideSecurityGroup, instancesTouchedByInstanceChange } from '@sg/domain';
import { StreamTypes } from '../../../aggregates/streams';
import { type AppendRequest, EventStore } from '../../../ports/event-store.port';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { groupCommandContext } from '../../../security-groups/group-changes/group-changes';
import { GroupSnapshots } from '../../../security-groups/group-changes/group-snapshots';
import { CoreSettings } from '../../../settings';
import { CommandExecutor } from '../../../write-path/command-executor';
import { checkExpectedVersion } from '../../../write-path/errors';
import { opened, planOperation } from '../../../write-path/operation-plan';
import type { Written } from '../../../write-path/write-command';
import type { InstanceDeleted } from '../../instance-changed';
import { loadVisibleInstance } from '../../instance-lookup';
import { DeleteInstanceCommand } from './delete-instance.command';

/**
 * As on AWS the VM is detached from every group that names it, in the same transaction, so no
 * group keeps a dangling member; CIDR attachments need nothing, they simply stop covering it. Its
 * hypervisor drops the port; members of groups whose rules name one of its groups lose its
 * address from their remote sets.
 */
@CommandHandler(DeleteInstanceCommand)
export class DeleteInstanceHandler implements ICommandHandler<DeleteInstanceCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
    @Inject(GroupSnapshots) private readonly snapshots: GroupSnapshots,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  execute({ context, instanceId }: DeleteInstanceCommand): Promise<Written<InstanceDeleted>> {
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const { instance, version } = await loadVisibleInstance(this.store, instanceId, context.actor);
      checkExpectedVersion(context.expectedVersion, version);
      const instanceEvents = decideInstance({ type: 'DeleteInstance' }, { status: 'active', instance }, now);
      const [groups, instances] = await Promise.all([this.groups.ofVpc(instance.vpcId), this.instances.ofVpc(instance.vpcId)]);
      const detaches: AppendRequest[] = [];
      for (const g of groups.filter((group) => group.appliedTo.instanceIds.includes(instance.id))) {
        const loaded = await this.snapshots.load(this.store, g.id);
        const events = decideSecurityGroup({ type: 'DetachInstance', instanceId: instance.id }, loaded.state, groupCommandContext(now, this.settings.limits));
        detaches.push({ streamId: g.id, streamType: StreamTypes.securityGroup, expectedVersion: loaded.version, events });
      }
      const operation = planOperation({
        tenant: instance.tenant,
        operationType: instanceEvents[instanceEvents.length - 1].type,
        resource: { type: 'instance', id: instance.id },
        summary: `Deleted instance ${instance.name} from ${instance.hypervisorId}`,
        touched: instancesTouchedByInstanceChange(instance, groups, instances),
        now,
      });
      return {
        tenant: instance.tenant,
        appends: [{ streamId: instance.id, streamType: StreamTypes.instance, expectedVersion: version, events: instanceEvents }, ...detaches, operation.append],
        outcome: async () => ({ instanceId: instance.id, operation: opened(operation) }),
      };
    });
  }
}
