import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { decideSecurityGroup, decideVpc, initialSecurityGroupState, initialVpcState } from '@sg/domain';
import { newId } from '../../../aggregates/ids';
import { StreamTypes } from '../../../aggregates/streams';
import { VpcReadModel } from '../../../ports/read-models/vpcs.read-model';
import { groupCommandContext } from '../../../security-groups/group-changes/group-changes';
import { CoreSettings } from '../../../settings';
import { CommandExecutor } from '../../../write-path/command-executor';
import type { Written } from '../../../write-path/write-command';
import { CreateVpcCommand, type VpcCreated } from './create-vpc.command';

/** A VPC and its default security group, in one transaction. */
@CommandHandler(CreateVpcCommand)
export class CreateVpcHandler implements ICommandHandler<CreateVpcCommand> {
  constructor(
    @Inject(CommandExecutor) private readonly executor: CommandExecutor,
    @Inject(VpcReadModel) private readonly vpcs: VpcReadModel,
    @Inject(CoreSettings) private readonly settings: CoreSettings,
  ) {}

  execute({ context, name, cidr }: CreateVpcCommand): Promise<Written<VpcCreated>> {
    return this.executor.execute(context, async () => {
      const now = new Date().toISOString();
      const tenant = context.actor.tenant;
      const vpcId = newId('vpc');
      const groupId = newId('sg');
      const vpcEvents = decideVpc({ type: 'CreateVpc', vpcId, tenant, name, cidr, defaultSecurityGroupId: groupId }, initialVpcState(), now);
      const groupEvents = decideSecurityGroup({ type: 'CreateDefaultSecurityGroup', groupId, vpcId, tenant }, initialSecurityGroupState(), groupCommandContext(now, this.settings.limits));
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
