import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideInstance, decideSecurityGroup, instancesTouchedByInstanceChange } from '@sg/domain';
import { AppConfig, groupsOfVpc, instancesOfVpc } from '@sg/infra';
import { AppendRequest, EventStore, newId, StreamTypes } from '@sg/application';
import { DataSource } from 'typeorm';
import { checkIfMatch, CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { operationRef, planOperation } from '../../../platform/commands/operation-plan';
import { APP_CONFIG } from '../../../platform/config.module';
import { loadVisibleInstance } from '../../instance-lookup';
import { DeleteInstanceCommand } from './delete-instance.command';
import { GroupSnapshots } from '../../../security-groups/group-snapshots';

/**
 * The VM is gone. As on AWS it is detached from every group that names it, in the same
 * transaction, so no group keeps a dangling member; CIDR attachments need nothing, they simply
 * stop covering it. Its hypervisor drops the port; members of groups whose rules name one of its
 * groups lose its address from their remote sets.
 */
@CommandHandler(DeleteInstanceCommand)
export class DeleteInstanceHandler implements ICommandHandler<DeleteInstanceCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GroupSnapshots) private readonly groups: GroupSnapshots,
  ) {}

  execute({ ctx, instanceId }: DeleteInstanceCommand): Promise<HttpResult> {
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const { instance, version } = await loadVisibleInstance(this.store, instanceId, ctx.principal);
      checkIfMatch(ctx, version);
      const instanceEvents = decideInstance({ type: 'DeleteInstance' }, { status: 'active', instance }, now);
      const [groups, instances] = await Promise.all([groupsOfVpc(this.db.manager, instance.vpcId), instancesOfVpc(this.db.manager, instance.vpcId)]);
      const detaches: AppendRequest[] = [];
      for (const g of groups.filter((group) => group.appliedTo.instanceIds.includes(instance.id))) {
        const loaded = await this.groups.load(this.store, g.id);
        const events = decideSecurityGroup({ type: 'DetachInstance', instanceId: instance.id }, loaded.state, {
          now,
          newRuleId: () => newId('sgr'),
          limits: this.config.limits,
        });
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
        respond: async (tx) => {
          const op = await operationRef(tx, operation.id);
          return { statusCode: 202, headers: op.headers, body: { id: instance.id, deleted: true, operation: op.ref, warnings: [] } };
        },
      };
    });
  }
}
