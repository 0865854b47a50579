import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, decideVpc, DomainError, initialSecurityGroupState, initialVpcState } from '@sg/domain';
import { newId } from '../../../aggregates/ids';
import { StreamTypes } from '../../../aggregates/streams';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import { groupCommandContext } from '../../../security-groups/group-changes/group-changes';
import { CoreSettings } from '../../../settings';
import { CommandExecutor } from '../../../write-path/command-executor';
import { isRetryableConflict } from '../../../aggregates/with-retry';
import type { Written } from '../../../write-path/write-command';
import { ReadModelClashError } from '../../../ports/event-store.errors';
import type { VpcRecord } from '../../../ports/read-models/vpcs.read-model';
import { EnsureProjectVpcCommand, type ProjectVpc } from './ensure-project-vpc.command';

/** The name the project VPC shows under in /v1. */
export const PROJECT_VPC_NAME = 'openstack-project';

/**
 * Finds the tenant's project VPC, or creates it with Neutron's default group (ingress from its
 * own members, egress anywhere) in one transaction. Two first requests racing: the read model's
 * one-project-VPC-per-tenant index lets one commit; the other finds it on its retry.
 */
@CommandHandler(EnsureProjectVpcCommand)
export class EnsureProjectVpcHandler implements ICommandHandler<EnsureProjectVpcCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  async execute({ context, tenant }: EnsureProjectVpcCommand): Promise<Written<ProjectVpc>> {
    if (context.actor.role !== 'operator' && tenant !== context.actor.tenant) {
      throw new DomainError('not-found', `no project ${tenant}`);
    }
    for (let attempt = 0; ; attempt++) {
      const found = await this.vpcs.projectVpc(tenant);
      if (found) return { replayed: false, outcome: { vpc: found } };
      try {
        return await this.create(context, tenant);
      } catch (error) {
        if (error instanceof CreatedMeanwhile) return { replayed: false, outcome: { vpc: error.vpc } };
        if (attempt >= 3 || !(isRetryableConflict(error) || error instanceof ReadModelClashError)) throw error;
      }
    }
  }

  private create(context: EnsureProjectVpcCommand['context'], tenant: string): Promise<Written<ProjectVpc>> {
    return this.executor.execute(context, async () => {
      // Decided again after a clash: the racing request's VPC is there now.
      const meanwhile = await this.vpcs.projectVpc(tenant);
      if (meanwhile) throw new CreatedMeanwhile(meanwhile);
      const now = new Date().toISOString();
      const vpcId = newId('vpc');
      const groupId = newId('sg');
      const vpcEvents = decideVpc(
        { type: 'CreateVpc', vpcId, tenant, name: PROJECT_VPC_NAME, cidr: null, defaultSecurityGroupId: groupId, conventions: 'neutron' },
        initialVpcState(),
        now,
      );
      const groupEvents = decideSecurityGroup(
        { type: 'CreateDefaultSecurityGroup', groupId, vpcId, tenant, conventions: 'neutron' },
        initialSecurityGroupState(),
        groupCommandContext(now, this.settings.limits),
      );
      return {
        tenant,
        appends: [
          { streamId: vpcId, streamType: StreamTypes.vpc, expectedVersion: 'no-stream', events: vpcEvents },
          { streamId: groupId, streamType: StreamTypes.securityGroup, expectedVersion: 'no-stream', events: groupEvents },
        ],
        outcome: async (tx) => ({ vpc: (await this.vpcs.find(vpcId, null, tx))! }),
      };
    });
  }
}

class CreatedMeanwhile extends Error {
  constructor(readonly vpc: VpcRecord) {
    super('the project VPC was created by a concurrent request');
  }
}
