import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { checkStateGrowth, decideInstance, decideSecurityGroup, DomainError, FieldIssue, initialInstanceState, instanceAddresses, instancesTouchedByInstanceChange, InstanceView } from '@sg/domain';
import { newId } from '../../../aggregates/ids';
import { StreamTypes } from '../../../aggregates/streams';
import { EventStore } from '../../../ports/event-store.port';
import { HypervisorReadModel } from '../../../ports/read-models/hypervisors.read-model';
import { InstanceReadModel } from '../../../ports/read-models/instances.read-model';
import { SecurityGroupReadModel } from '../../../ports/read-models/security-groups.read-model';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import { groupCommandContext } from '../../../security-groups/group-changes/group-changes';
import { GroupSnapshots } from '../../../security-groups/group-changes/group-snapshots';
import { recheckStateBudget } from '../../../quotas/state-budget';
import { CoreSettings } from '../../../settings';
import { type Caller, tenantScope } from '../../../write-path/actor';
import { CommandExecutor } from '../../../write-path/command-executor';
import { opened, planOperation } from '../../../write-path/operation-plan';
import type { Written } from '../../../write-path/write-command';
import type { InstanceChanged } from '../../instance-changed';
import { writtenInstance } from '../../instance-groups';
import { type NewInstance, RegisterInstanceCommand } from './register-instance.command';

/**
 * The VPC's default group is applied to the new VM in the same transaction. Its addresses are
 * checked against the VPC's instances as the read model has them; a registration that commits
 * after that read is not seen by it, so the read model's unique indexes on (VPC, address) and its
 * foreign key to the VPC decide at commit: of two registrations of one address only the first
 * commits, and one racing the VPC's deletion fails and is decided again (409 or 404) instead of
 * landing in a deleted VPC.
 */
@CommandHandler(RegisterInstanceCommand)
export class RegisterInstanceHandler implements ICommandHandler<RegisterInstanceCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(HypervisorReadModel) private readonly hypervisors: HypervisorReadModel,
    @Inject(SecurityGroupReadModel) private readonly groups: SecurityGroupReadModel,
    @Inject(InstanceReadModel) private readonly instances: InstanceReadModel,
    @Inject(GroupSnapshots) private readonly snapshots: GroupSnapshots,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  execute({ context, instance: input }: RegisterInstanceCommand): Promise<Written<InstanceChanged>> {
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const vpc = await this.placement(context.actor, input);
      const groupId = vpc.defaultSecurityGroupId;
      const [defaultGroup, groups, instances] = await Promise.all([
        this.snapshots.load(this.store, groupId),
        this.groups.ofVpc(vpc.id),
        this.instances.ofVpc(vpc.id),
      ]);
      if (defaultGroup.state.status !== 'active') throw vpcNotFound(input.vpcId);

      const instanceId = newId('i');
      const instanceEvents = decideInstance(
        {
          type: 'RegisterInstance', instanceId, tenant: vpc.tenant, name: input.name, hypervisorId: input.hypervisorId, ipv4: input.ipv4, ipv6: input.ipv6,
          vpc: { id: vpc.id, cidr: vpc.cidr }, addressesInUse: instances.flatMap(instanceAddresses),
        },
        initialInstanceState(),
        now,
      );
      const view: InstanceView = { id: instanceId, vpcId: vpc.id, hypervisorId: input.hypervisorId, ipv4: input.ipv4, ipv6: input.ipv6 };
      const groupEvents = decideSecurityGroup(
        // The VM exists whatever we think of it: CIDR attachments that already cover its address
        // are not counted against the default group (checkGroupsPerInstance takes the same view).
        { type: 'ChangeAppliedTo', mode: 'add', instanceIds: [instanceId], cidrs: [], instances: { [instanceId]: { vpcId: vpc.id, groupCount: 0 } } },
        defaultGroup.state,
        groupCommandContext(now, this.settings.limits),
      );
      const withDefault = groups.map((g) => (g.id === groupId ? { ...g, appliedTo: { ...g.appliedTo, instanceIds: [...g.appliedTo.instanceIds, instanceId] } } : g));
      // A new port brings its groups' rules (and, as a member, addresses) into its hypervisor's
      // state: within the tenant's budget there, first on the VPC as read, then on all its VPCs
      // under its lock when written.
      const limit = this.settings.limits.stateEntriesPerHypervisor;
      const grown = checkStateGrowth({ groups, instances }, { groups: withDefault, instances: [...instances, view] }, limit);
      const operation = planOperation({
        tenant: vpc.tenant,
        operationType: instanceEvents[instanceEvents.length - 1].type,
        resource: { type: 'instance', id: instanceId },
        summary: `Registered instance ${input.name} on ${input.hypervisorId}`,
        touched: instancesTouchedByInstanceChange(view, withDefault, instances),
        now,
      });
      return {
        tenant: vpc.tenant,
        appends: [
          { streamId: instanceId, streamType: StreamTypes.instance, expectedVersion: 'no-stream', events: instanceEvents },
          { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion: defaultGroup.version, events: groupEvents },
          operation.append,
        ],
        outcome: async (tx) => {
          await recheckStateBudget(this.instances, tx, vpc.tenant, grown, limit);
          return { instance: await writtenInstance(this.instances, this.groups, instanceId, tx), operation: opened(operation) };
        },
      };
    });
  }

  /** The VPC (the caller's, unless an operator) and the hypervisor (global) must both exist; both are reported. */
  private async placement(caller: Caller, input: NewInstance) {
    const [vpc, hypervisor] = await Promise.all([this.vpcs.find(input.vpcId, tenantScope(caller)), this.hypervisors.find(input.hypervisorId)]);
    const issues: FieldIssue[] = [];
    if (!vpc) issues.push({ path: 'vpcId', message: `no VPC ${input.vpcId}` });
    if (!hypervisor) issues.push({ path: 'hypervisorId', message: `no hypervisor ${input.hypervisorId}` });
    if (!vpc || issues.length > 0) throw new DomainError('not-found', issues.map((i) => i.message).join('; '), issues);
    return vpc;
  }
}

function vpcNotFound(vpcId: string): DomainError {
  return new DomainError('not-found', `no VPC ${vpcId}`, [{ path: 'vpcId', message: `no VPC ${vpcId}` }]);
}
