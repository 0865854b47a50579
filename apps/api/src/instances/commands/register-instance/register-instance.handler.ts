import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import {
  decideInstance,
  decideSecurityGroup,
  DomainError,
  FieldIssue,
  initialInstanceState,
  instanceAddresses,
  instancesTouchedByInstanceChange,
  InstanceView,
  parseRegisterInstanceInput,
  RegisterInstanceInput,
} from '@sg/domain';
import { AppConfig, findHypervisor, findVpc, groupsOfVpc, instancesOfVpc } from '@sg/infra';
import { EventStore, newId, StreamTypes } from '@sg/application';
import { DataSource } from 'typeorm';
import { tenantScope } from '../../../platform/auth/principal';
import { CommandExecutor, HttpResult } from '../../../platform/commands/command-executor';
import { planOperation } from '../../../platform/commands/operation-plan';
import { APP_CONFIG } from '../../../platform/config.module';
import type { RequestContext } from '../../../platform/http/request-context';
import { instanceChangeResult } from '../../instance-change-result';
import { RegisterInstanceCommand } from './register-instance.command';
import { GroupSnapshots } from '../../../security-groups/group-snapshots';

/**
 * The compute service reports a new VM. The VPC's default group is applied to it in the same
 * transaction. Its addresses are checked against the VPC's instances as the read model has them;
 * a registration that commits after that read is not seen by it, so the read model's unique
 * indexes on (VPC, address) and its foreign key to the VPC decide at commit: of two registrations
 * of one address only the first commits, and one racing the VPC's deletion fails and is decided
 * again (409 or 404) instead of landing in a deleted VPC.
 */
@CommandHandler(RegisterInstanceCommand)
export class RegisterInstanceHandler implements ICommandHandler<RegisterInstanceCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(EventStore) private readonly store: EventStore,
    @Inject(DataSource) private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(GroupSnapshots) private readonly groups: GroupSnapshots,
  ) {}

  execute({ ctx, body }: RegisterInstanceCommand): Promise<HttpResult> {
    const input = parseRegisterInstanceInput(body);
    return this.executor.execute(ctx, async () => {
      const now = new Date().toISOString();
      const m = this.db.manager;
      const vpc = await this.placement(ctx, input);
      const groupId = vpc.defaultSecurityGroupId;
      const [defaultGroup, groups, instances] = await Promise.all([
        this.groups.load(this.store, groupId),
        groupsOfVpc(m, vpc.id),
        instancesOfVpc(m, vpc.id),
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
        { now, newRuleId: () => newId('sgr'), limits: this.config.limits },
      );
      const withDefault = groups.map((g) => (g.id === groupId ? { ...g, appliedTo: { ...g.appliedTo, instanceIds: [...g.appliedTo.instanceIds, instanceId] } } : g));
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
        respond: (tx) => instanceChangeResult(tx, instanceId, operation.id, 201, { Location: `/v1/instances/${instanceId}` }),
      };
    });
  }

  /** The VPC (the caller's, unless an operator) and the hypervisor (global) must both exist; both are reported. */
  private async placement(ctx: RequestContext, input: RegisterInstanceInput) {
    const m = this.db.manager;
    const [vpc, hypervisor] = await Promise.all([findVpc(m, input.vpcId, tenantScope(ctx.principal)), findHypervisor(m, input.hypervisorId)]);
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
